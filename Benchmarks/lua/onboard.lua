-- Benchmark: onboard every customer of a CSV (precheck, provision, then wait until provisioned),
-- pipelined in two phases so that provisioning runs in the background while later rows are
-- still being sent: first `parallel` prechecks and provisions each row, the second waits for
-- every started customer. Concurrency is `--concurrency N` (parallel's default).
--
--   wholesale run Benchmarks/lua/onboard.lua --target URL --concurrency 32 \
--     --allow-dir /tmp --var csv=/tmp/customers.csv
--
-- Rows are the columns of Benchmarks/python/make_customers.py; Benchmarks/python/onboard.py
-- builds the same body and makes the same calls. Prints one line at the end; the HTTP request
-- count is not visible from Lua (scripts/bench counts it from the server's log).

local path = wholesale.args.csv or wholesale.fail("pass the customers' CSV with --var csv=PATH")

local function body(row)
  local address = {
    addressLine1 = row.addressLine1, city = row.city, stateOrProvince = row.stateOrProvince,
    zipOrPostalCode = row.zipOrPostalCode, country = row.country,
  }
  return {
    provisioningId = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk",
    externalId = row.externalId,
    packages = { "webex_meetings" },
    address = address,
    customerInfo = { name = row.name, primaryEmail = row.primaryEmail, language = row.language },
    provisioningParameters = { meetings = { timezone = row.timezone } },
  }
end

local rows = wholesale.collect(wholesale.csv.read(path))

-- Phase 1: precheck + provision; the result is the new customer's id.
local ids, failed = wholesale.parallel(rows, function(row)
  local customer = body(row)
  local check = wholesale.customers.precheck(customer)
  if not check.ok then
    error(("precheck refused %s: %s (code %s)"):format(row.externalId, check.message, tostring(check.code)), 0)
  end
  return wholesale.customers.provision(customer).id
end)

-- Phase 2: wait for every customer that was started (the wait's first GET goes out at once).
local started = {}
for i = 1, #rows do
  if ids[i] then started[#started + 1] = ids[i] end
end
local statuses, unfinished = wholesale.parallel(started, function(id)
  local customer = wholesale.customers.wait(id)
  if customer.status ~= "provisioned" then error(id .. " ended " .. customer.status, 0) end
  return customer.status
end)

local provisioned = 0
for i = 1, #started do
  if statuses[i] == "provisioned" then provisioned = provisioned + 1 end
end
print(("onboarded %d of %d customers"):format(provisioned, #rows))

local problems = {}
for _, f in ipairs(failed) do problems[#problems + 1] = ("row %d: %s"):format(f.index, tostring(f.error)) end
for _, f in ipairs(unfinished) do problems[#problems + 1] = ("%s: %s"):format(f.item, tostring(f.error)) end
if #problems > 0 then
  local shown = table.concat(problems, "; ", 1, math.min(#problems, 5))
  wholesale.fail(("%d of %d rows failed: %s%s"):format(#problems, #rows, shown, #problems > 5 and "; …" or ""))
end
