-- 200 customers onboarded with ensure, 16 at a time: safe to run again after any crash.
-- With --var ready=FILE --var ready_at=N it writes FILE when it reaches customer N (a test's cue).
local count = tonumber(wholesale.args.count or "200")
local ready_at = tonumber(wholesale.args.ready_at or "0")
local bodies = {}
for i = 1, count do
  local id = ("crash-%03d"):format(i)
  bodies[i] = {
    provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk", externalId = id, packages = { "webex_meetings" },
    address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" },
    customerInfo = { name = "Customer " .. id, primaryEmail = "admin@" .. id .. ".example.com" },
  }
end
local _, failures = wholesale.parallel(bodies, function(body, index)
  if index == ready_at then wholesale.json.write(wholesale.args.ready, true) end
  local _, action = wholesale.customers.ensure(body)
  return action
end, { concurrency = 16 })
if #failures > 0 then wholesale.fail(#failures .. " customers failed: " .. tostring(failures[1].error)) end
print("onboarded " .. count)
