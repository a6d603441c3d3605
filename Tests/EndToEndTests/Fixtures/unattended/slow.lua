-- Makes a few calls, says so in the file --var ready names, then waits: long enough for a
-- second run to find the lock taken.
for c in wholesale.customers.list() do break end
wholesale.customers.provision({
  provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk", externalId = "slow-" .. wholesale.run.id,
  packages = { "webex_meetings" }, address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" },
  customerInfo = { name = "Slow", primaryEmail = "admin@slow-" .. wholesale.run.id:sub(1, 8) .. ".example.com" },
})
if wholesale.args.ready then wholesale.json.write(wholesale.args.ready, true) end
wholesale.sleep(tonumber(wholesale.args.seconds or "3"))
print("done")
