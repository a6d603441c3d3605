-- precheck-fallback: onboard customers, falling back to another package set when a package
-- is not offered in the customer's country.
--
-- What it does
--   For each row of customers.csv it builds a customer body and prechecks it. When the precheck
--   refuses with code 4004 (a package is not offered in the country, e.g. Webex Calling in
--   Antarctica) it rebuilds the body with the row's `fallback` packages (webex_meetings when the
--   column is empty) and prechecks again. A body the precheck accepts is provisioned, waiting
--   until the customer's status is final. Any other refusal (4003: the address could not be
--   verified, ...) is logged and the row is skipped: a person has to fix the data.
--   A customer whose externalId exists already is left alone, so the playbook can run again.
--
-- How to run it
--   wholesale run examples/precheck-fallback/precheck-fallback.lua --sim-speed 200 \
--     --sim-state /tmp/ex-precheck-fallback.sqlite --journal /tmp/ex-precheck-fallback-journal.sqlite
--   Options: --var input=FILE.csv (default customers.csv), --var out=FILE.csv (default
--   outcomes.csv), --var strict=true to exit 1 when a row was refused.
--   Add --dry-run to see what it would provision without changing anything.
--
-- What it leaves behind
--   One customer per accepted row (pf-acme-us and pf-berlin-de with Webex Calling, the two AQ
--   rows with webex_meetings only); pf-nowhere-us is refused (4003) and not created.
--   outcomes.csv (or --var out): one line per input row with what happened to it.

local wholesale = require("wholesale")

local TEMPLATE_CALLING = "c2ltLXRlbXBsYXRlOmNhbGxpbmctYW5kLW1lZXRpbmdz" -- calling and meetings
local TEMPLATE_MEETINGS = "c2ltLXRlbXBsYXRlOm1lZXRpbmdzLW9ubHk"         -- meetings only
local PACKAGE_NOT_OFFERED = 4004

-- Packages that need a calling location (docs/validation.md).
local CALLING = {
  webex_calling = true, webex_suite = true, webex_voice = true, cx_essentials = true,
  webex_calling_standard = true, common_area_calling = true, cisco_calling_plan = true,
  attendant_console = true,
}

local input = wholesale.args.input or "customers.csv"
local out = wholesale.args.out or "outcomes.csv"
local strict = wholesale.args.strict == "true"

-- "webex_calling webex_meetings" -> { "webex_calling", "webex_meetings" }
local function split_packages(text)
  local list = {}
  for name in (text or ""):gmatch("[^%s;,]+") do list[#list + 1] = name end
  return list
end

local function has_calling(packages)
  for _, name in ipairs(packages) do
    if CALLING[name] then return true end
  end
  return false
end

local function blank_to_nil(value)
  if value == nil or value == "" then return nil end
  return value
end

-- A customer body (API field names) for a CSV row and a package list.
local function build_customer(row, packages)
  local address = {
    addressLine1 = row.addressLine1,
    city = row.city,
    stateOrProvince = blank_to_nil(row.stateOrProvince),
    zipOrPostalCode = blank_to_nil(row.zipOrPostalCode),
    country = row.country,
  }
  local body = {
    externalId = row.externalId,
    provisioningId = TEMPLATE_MEETINGS,
    packages = packages,
    address = address,
    customerInfo = { name = row.name, primaryEmail = row.email, language = "en" },
    provisioningParameters = { meetings = { timezone = row.timezone } },
  }
  if has_calling(packages) then
    body.provisioningId = TEMPLATE_CALLING
    body.provisioningParameters.calling = {
      location = { name = "Head Office", address = address, timezone = row.timezone, language = "en_us" },
    }
  end
  return body
end

local outcomes = {}
local counts = { provisioned = 0, fallback = 0, refused = 0, existing = 0, failed = 0 }

local function record(row, fields)
  fields.externalId = row.externalId
  fields.requested = row.packages
  outcomes[#outcomes + 1] = fields
end

local function onboard(row)
  local requested = split_packages(row.packages)

  local existing = wholesale.customers.find{ externalId = row.externalId }
  if existing then
    counts.existing = counts.existing + 1
    wholesale.log.info("exists already, left alone", { externalId = row.externalId, status = existing.status })
    record(row, { outcome = "exists", id = existing.id, status = existing.status,
                  packages = table.concat(existing.packages or {}, " ") })
    return
  end

  local packages = requested
  local body = build_customer(row, packages)
  local check = wholesale.customers.precheck(body)
  local fell_back = false

  if not check.ok and check.code == PACKAGE_NOT_OFFERED then
    local fallback = split_packages(blank_to_nil(row.fallback) or "webex_meetings")
    wholesale.log.warn("package not offered in the country, trying the fallback", {
      externalId = row.externalId, country = row.country, requested = row.packages,
      fallback = table.concat(fallback, " "), message = check.message,
    })
    packages = fallback
    body = build_customer(row, packages)
    check = wholesale.customers.precheck(body)
    fell_back = true
  end

  if not check.ok then
    counts.refused = counts.refused + 1
    wholesale.log.error("precheck refused, row skipped", {
      externalId = row.externalId, code = check.code, message = check.message, trackingId = check.trackingId,
    })
    record(row, { outcome = "refused", code = check.code, message = check.message, precheckTrackingId = check.trackingId })
    return
  end

  local customer = wholesale.customers.provision(body, { wait = true })
  if customer.status == "error" then
    counts.failed = counts.failed + 1
  elseif fell_back then
    counts.fallback = counts.fallback + 1
  else
    counts.provisioned = counts.provisioned + 1
  end
  local outcome = fell_back and "provisioned with fallback" or "provisioned"
  if customer.status ~= "provisioned" then outcome = customer.status end
  wholesale.log.info(outcome, {
    externalId = row.externalId, id = customer.id, status = customer.status, packages = table.concat(packages, " "),
  })
  record(row, { outcome = outcome, id = customer.id, status = customer.status, packages = table.concat(packages, " "),
                precheckTrackingId = check.trackingId })
end

for row in wholesale.csv.read(input) do
  -- One bad row (an HTTP failure after retries, a validation error) must not stop the others.
  local ok, err = wholesale.try(onboard, row)
  if not ok then
    counts.failed = counts.failed + 1
    wholesale.log.error("row failed", { externalId = row.externalId, error = tostring(err) })
    record(row, { outcome = "failed", code = err.code, message = tostring(err), trackingId = err.trackingId })
  end
end

wholesale.csv.write(out, outcomes,
  { "externalId", "outcome", "status", "id", "requested", "packages", "code", "message", "precheckTrackingId", "trackingId" })
wholesale.log.info("done", {
  rows = #outcomes, provisioned = counts.provisioned, fallback = counts.fallback, refused = counts.refused,
  existing = counts.existing, failed = counts.failed, report = out,
})

if counts.failed > 0 then wholesale.fail(counts.failed .. " row(s) failed; see " .. out) end
if strict and counts.refused > 0 then wholesale.fail(counts.refused .. " row(s) refused by the precheck; see " .. out) end
