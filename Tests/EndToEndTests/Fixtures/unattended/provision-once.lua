-- Provisions one customer with a plain provision (no find first): run again after a crash, it
-- relies on the journal to learn that the first attempt may have landed.
if wholesale.args.ready then wholesale.json.write(wholesale.args.ready, true) end
local c = wholesale.customers.provision({
  provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk", externalId = "once-1", packages = { "webex_meetings" },
  address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" },
  customerInfo = { name = "Once", primaryEmail = "admin@once-1.example.com" },
})
print("provisioned " .. c.id)
