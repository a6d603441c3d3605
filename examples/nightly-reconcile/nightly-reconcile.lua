-- nightly-reconcile: compare the customers the partner intends to have with the ones the API
-- has, write a report, optionally fix the differences, and say what changed since last night.
--
-- What it does
--   Reads intended.csv (externalId, packages and what is needed to create the customer) and
--   lists the partner's customers. Each externalId gets one result:
--     ok       it exists with exactly the intended packages
--     drift    it exists with other packages
--     missing  it is intended but does not exist
--     extra    it exists but is not intended (reported only: never removed automatically)
--   With --var fix=true, missing customers are created and drifted ones updated through
--   customers.ensure (precheck + provision, or update, waiting until the status is final).
--   The results the run leaves (after fixes) are kept in wholesale.state under "last_run",
--   with the run's id and time; the next run shows beside each result what the previous one
--   left (lastRun) and whether that has changed since, and logs a summary of the changes.
--
-- How to run it
--   wholesale run examples/nightly-reconcile/nightly-reconcile.lua --sim-speed 200 \
--     --sim-state /tmp/ex-nightly-reconcile.sqlite --journal /tmp/ex-nightly-reconcile-journal.sqlite
--   then the same with --var fix=true (a second night, fixing what the first one reported).
--   Options: --var fix=true, --var input=FILE.csv (default intended.csv), --var out=FILE.csv
--   (default reconcile-report.csv). The state lives in the --journal file: keep the same one
--   from night to night. --dry-run shows the fixes without making them (and saves no state).
--   Exits 1 only when a fix failed.
--
-- What it leaves behind
--   reconcile-report.csv (or --var out): externalId, result, status, intended and actual
--   packages, action (created / updated / failed / none), lastRun, lastPackages, changed, id,
--   error. With fix=true: nr-harbor-dental and nr-cedar-logistics created, seed-partial
--   updated to webex_calling + webex_meetings. The "last_run" value in the journal.

local wholesale = require("wholesale")

local TEMPLATE_CALLING = "c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz"
local TEMPLATE_MEETINGS = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk"
local CALLING = {
  webex_calling = true, webex_suite = true, webex_voice = true, cx_essentials = true,
  webex_calling_standard = true, common_area_calling = true, cisco_calling_plan = true,
  attendant_console = true,
}

local input = wholesale.args.input or "intended.csv"
local out = wholesale.args.out or "reconcile-report.csv"
local fix = wholesale.args.fix == "true"

-- Package lists compare as sets: "b a" and {"a", "b"} are both "a b".
local function package_text(packages)
  local list = {}
  if type(packages) == "string" then
    for name in packages:gmatch("[^%s;,]+") do list[#list + 1] = name end
  else
    for _, name in ipairs(packages or {}) do list[#list + 1] = name end
  end
  table.sort(list)
  return table.concat(list, " ")
end

local function split_packages(text)
  local list = {}
  for name in text:gmatch("[^%s;,]+") do list[#list + 1] = name end
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

-- What the previous run left: { run, finished, counts, results = { [externalId] = {result, packages} } }.
local last = wholesale.state.get("last_run")
local last_results = last and last.results or {}
if last then
  wholesale.log.info("last run", { run = last.run, finished = last.finished, ok = last.counts.ok, drift = last.counts.drift,
                                   missing = last.counts.missing, extra = last.counts.extra })
else
  wholesale.log.info("no previous run recorded: this run sets the baseline")
end

-- Intended and actual, by externalId.
local intended, order = {}, {}
for row in wholesale.csv.read(input) do
  if intended[row.externalId] then wholesale.fail(input .. ": externalId " .. row.externalId .. " is listed twice") end
  intended[row.externalId] = row
  order[#order + 1] = row.externalId
end
local actual, extras = {}, {}
for c in wholesale.customers.list{ max = 100 } do
  if actual[c.externalId] then
    wholesale.log.warn("two customers share an externalId", { externalId = c.externalId, id = c.id })
  else
    actual[c.externalId] = c
    if not intended[c.externalId] then extras[#extras + 1] = c.externalId end
  end
end
table.sort(extras)
for _, externalId in ipairs(extras) do order[#order + 1] = externalId end

-- One report line per externalId, intended ones first (in file order), then the extras.
local lines, counts, fixes_failed = {}, { ok = 0, drift = 0, missing = 0, extra = 0 }, 0
local results_now = {}
for _, externalId in ipairs(order) do
  local want, have = intended[externalId], actual[externalId]
  local line = { externalId = externalId, action = "none" }
  line.intended = want and package_text(want.packages) or ""
  line.actual = have and package_text(have.packages) or ""
  line.status = have and have.status or ""
  line.id = have and have.id or ""
  if not want then line.result = "extra"
  elseif not have then line.result = "missing"
  elseif line.intended ~= line.actual then line.result = "drift"
  else line.result = "ok" end
  counts[line.result] = counts[line.result] + 1

  local previous = last_results[externalId]
  line.lastRun = previous and previous.result or ""
  line.lastPackages = previous and previous.packages or ""
  if not last then line.changed = ""
  elseif not previous then line.changed = "new"
  elseif previous.result ~= line.result or previous.packages ~= line.actual then line.changed = "yes"
  else line.changed = "no" end
  if line.changed == "yes" or line.changed == "new" then
    wholesale.log.info("changed since last run", { externalId = externalId, was = line.lastRun, now = line.result,
                                                   wasPackages = line.lastPackages, packages = line.actual })
  end

  local left = { result = line.result, packages = line.actual }
  if fix and (line.result == "missing" or line.result == "drift") then
    local ok, customer, action = wholesale.try(wholesale.customers.ensure, build_customer(want), { wait = true })
    if ok then
      line.action, line.id, line.status = action, customer.id, customer.status
      wholesale.log.info("fixed", { externalId = externalId, result = line.result, action = action, status = customer.status })
      left = { result = "ok", packages = package_text(customer.packages) }
    else
      fixes_failed = fixes_failed + 1
      line.action, line.error = "failed", tostring(customer)
      wholesale.log.error("fix failed", { externalId = externalId, error = tostring(customer) })
    end
  elseif line.result ~= "ok" then
    wholesale.log.warn(line.result, { externalId = externalId, intended = line.intended, actual = line.actual })
  end
  results_now[externalId] = left
  lines[#lines + 1] = line
end

-- Customers the last run saw that are gone now (neither intended nor present).
local disappeared = 0
for externalId in pairs(last_results) do
  if not results_now[externalId] then
    disappeared = disappeared + 1
    wholesale.log.info("no longer present", { externalId = externalId, was = last_results[externalId].result })
  end
end

wholesale.csv.write(out, lines, {
  "externalId", "result", "status", "intended", "actual", "action", "lastRun", "lastPackages", "changed", "id", "error",
})

local changed = 0
for _, line in ipairs(lines) do
  if line.changed == "yes" or line.changed == "new" then changed = changed + 1 end
end
wholesale.state.set("last_run", {
  run = wholesale.run.id,
  finished = os.date("!%Y-%m-%dT%H:%M:%SZ"),
  fixed = fix,
  counts = counts,
  results = wholesale.object(results_now),
})
wholesale.log.info("done", {
  ok = counts.ok, drift = counts.drift, missing = counts.missing, extra = counts.extra, fixed = fix,
  changed_since_last_run = last and changed or "n/a", disappeared = disappeared, report = out,
})

if fixes_failed > 0 then wholesale.fail(fixes_failed .. " fix(es) failed; see " .. out) end
