-- Cisco's documented example body (the OpenAPI document's, with its stray quotes removed),
-- provisioned and waited for, unchanged, on the default target.
local body = wholesale.json.read("cisco-example.json")
local customer = wholesale.customers.provision(body, { wait = true })
print(customer.externalId, customer.status)
