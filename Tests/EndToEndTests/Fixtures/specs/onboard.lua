-- A small onboarding playbook the spec fixtures test: one customer per row of customers.csv,
-- prechecked, with webex_meetings as the fallback where a package is not offered.
local wholesale = require("wholesale")

local outcomes = {}
for row in wholesale.csv.read(wholesale.args.input or "customers.csv") do
  local body = {
    externalId = row.externalId,
    provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
    packages = { row.package },
    address = { addressLine1 = "1 Main St", city = "Springfield", stateOrProvince = "IL", zipOrPostalCode = "62701", country = row.country },
    customerInfo = { name = row.externalId, primaryEmail = row.externalId .. "@example.com", language = "en" },
    provisioningParameters = { meetings = { timezone = "America/Chicago" } },
  }
  local check = wholesale.customers.precheck(body)
  if not check.ok then
    body.packages = { "webex_meetings" }
    check = wholesale.customers.precheck(body)
  end
  local customer = wholesale.customers.provision(body, { wait = true })
  outcomes[#outcomes + 1] = { externalId = row.externalId, status = customer.status, packages = body.packages[1] }
end
wholesale.csv.write("outcomes.csv", outcomes, { "externalId", "status", "packages" })
print("onboarded " .. #outcomes)
