-- bulk-onboard: onboard a few hundred customers from a CSV, several at a time, and write one
-- outcome line per input row.
--
-- What it does
--   Reads customers.csv (300 rows, made by generate-customers.lua) and, for every row at once
--   up to the concurrency, builds the customer body and calls customers.ensure with wait: a
--   customer that does not exist yet is prechecked, provisioned and waited for until its
--   status is final; one that exists with other packages is updated; one that matches is left
--   alone. So a second run (after a crash, or with a corrected CSV) only does what is left.
--   A precheck refusal (4004: Webex Calling is not offered in AQ, ...) is the row's outcome,
--   not a failure of the run; so is a provisioning that ends in `error`.
--
-- How to run it
--   wholesale run examples/bulk-onboard/bulk-onboard.lua --sim-speed 200 \
--     --sim-state /tmp/ex-bulk-onboard.sqlite --journal /tmp/ex-bulk-onboard-journal.sqlite
--   Options: --var concurrency=N (default: --concurrency, 8), --var input=FILE.csv (default
--   customers.csv), --var out=FILE.csv (default outcomes.csv). --dry-run plans it instead.
--   Exits 1 only when rows failed for another reason than the data (network, timeouts, 5xx).
--
-- What it leaves behind
--   About 290 new customers: provisioned, 5 `error` (sim-error-...), 5 `provisioned_with_errors`
--   (sim-partial-...), none for the 3 AQ rows the precheck refused. outcomes.csv (or --var out):
--   externalId, id, status, action (created / updated / unchanged / refused / failed), code,
--   error and trackingId (of the refusal or failure) for each input row, in input order.

local wholesale = require("wholesale")

local TEMPLATE_CALLING = "c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz"
local TEMPLATE_MEETINGS = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk"
local CALLING = {
  webex_calling = true, webex_suite = true, webex_voice = true, cx_essentials = true,
  webex_calling_standard = true, common_area_calling = true, cisco_calling_plan = true,
  attendant_console = true,
}

local input = wholesale.args.input or "customers.csv"
local out = wholesale.args.out or "outcomes.csv"
local concurrency = tonumber(wholesale.args.concurrency) -- nil: the --concurrency default

local function split_packages(text)
  local list = {}
  for name in (text or ""):gmatch("[^%s;,]+") do list[#list + 1] = name end
  return list
end

local function blank_to_nil(value)
  if value == "" then return nil end
  return value
end

local function build_customer(row)
  local packages = split_packages(row.packages)
  local address = {
    addressLine1 = row.addressLine1, city = row.city, country = row.country,
    stateOrProvince = blank_to_nil(row.stateOrProvince), zipOrPostalCode = blank_to_nil(row.zipOrPostalCode),
  }
  local body = {
    externalId = row.externalId,
    provisioningId = TEMPLATE_MEETINGS,
    packages = packages,
    address = address,
    customerInfo = { name = row.name, primaryEmail = row.email, language = "en" },
    provisioningParameters = { meetings = { timezone = row.timezone } },
  }
  for _, name in ipairs(packages) do
    if CALLING[name] then
      body.provisioningId = TEMPLATE_CALLING
      body.provisioningParameters.calling = {
        location = { name = "Head Office", address = address, timezone = row.timezone, language = "en_us" },
      }
      break
    end
  end
  return body
end

-- The first error or warning a customer carries: its own errors, then its packages'.
local function first_problem(customer)
  if customer.errors and customer.errors[1] then return customer.errors[1] end
  local details = customer.resourceDetails and customer.resourceDetails.packages or {}
  for _, package in ipairs(details) do
    local notes = package.errors or package.warnings
    if notes and notes[1] then return notes[1] end
  end
  return nil
end

local done, total = 0, 0

-- One row: returns its outcome line (never raises, so every row gets a line).
local function onboard(row)
  local outcome = { externalId = row.externalId }
  local ok, customer, action = wholesale.try(wholesale.customers.ensure, build_customer(row), { wait = true })
  done = done + 1
  if done % 50 == 0 then wholesale.log.info("progress", { done = done, of = total }) end
  if ok then
    outcome.id, outcome.status, outcome.action = customer.id, customer.status, action
    if customer.status ~= "provisioned" then
      local problem = first_problem(customer)
      if problem then outcome.code, outcome.error = problem.errorCode, problem.description end
      wholesale.log.warn(customer.status, { externalId = row.externalId, id = customer.id, action = action })
    else
      wholesale.log.debug(action, { externalId = row.externalId, id = customer.id })
    end
    return outcome
  end
  local err = customer
  -- A refusal of the body (invalid, refused by the precheck: 400, or a conflict: 409) is about
  -- the data; anything else (401/403, network, timeout, 5xx after retries) is a failure.
  local refused = err.kind == "validation" or (err.kind == "http" and (err.status == 400 or err.status == 409))
  outcome.action = refused and "refused" or "failed"
  outcome.code, outcome.error, outcome.trackingId = err.code, err.message or tostring(err), err.trackingId
  wholesale.log.warn(outcome.action, { externalId = row.externalId, code = err.code, error = tostring(err) })
  return outcome
end

local rows = wholesale.collect(wholesale.csv.read(input))
total = #rows
wholesale.log.info("onboarding", { rows = #rows, concurrency = concurrency or "default" })

local started = os.time()
local results, failures = wholesale.parallel(rows, onboard, concurrency and { concurrency = concurrency } or nil)
for _, failure in ipairs(failures) do
  -- onboard() catches API errors; a bug in it still gets the row a line.
  results[failure.index] = { externalId = failure.item.externalId, action = "failed", error = tostring(failure.error) }
end

local outcomes, by_status, by_action = {}, {}, {}
local failed = 0
for i = 1, #rows do
  local o = results[i]
  outcomes[i] = o
  local status = o.status or "(none)"
  by_status[status] = (by_status[status] or 0) + 1
  by_action[o.action] = (by_action[o.action] or 0) + 1
  if o.action == "failed" then failed = failed + 1 end
end

wholesale.csv.write(out, outcomes, { "externalId", "id", "status", "action", "code", "error", "trackingId" })

local function summary(counts)
  local parts = {}
  for key, n in pairs(counts) do parts[#parts + 1] = key .. "=" .. n end
  table.sort(parts)
  return table.concat(parts, " ")
end
wholesale.log.info("done", {
  rows = #rows, seconds = os.time() - started, statuses = summary(by_status), actions = summary(by_action), report = out,
})

if failed > 0 then wholesale.fail(failed .. " row(s) failed; see " .. out .. " and run again to retry them") end
