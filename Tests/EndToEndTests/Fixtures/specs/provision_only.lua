-- Starts provisioning one customer and does not wait for it.
local wholesale = require("wholesale")
wholesale.customers.provision({
  externalId = "sp-later",
  provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
  packages = { "webex_meetings" },
  address = { addressLine1 = "1 Main St", city = "Springfield", stateOrProvince = "IL", zipOrPostalCode = "62701", country = "US" },
  customerInfo = { name = "Later Inc", primaryEmail = "it@later.example.com", language = "en" },
  provisioningParameters = { meetings = { timezone = "America/Chicago" } },
})
