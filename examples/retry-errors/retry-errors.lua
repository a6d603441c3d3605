-- retry-errors: retry every customer whose provisioning ended in `error`, for the partner and
-- for each of its active sub-partners.
--
-- What it does
--   Lists the partner's own customers with status `error`, then does the same on behalf of
--   every active sub-partner (suspended ones may not change anything, so they are skipped).
--   Each failed customer is retried by updating it with its own package list: the API starts
--   provisioning those packages again (status `updating`), and the playbook waits until the
--   status is final. A retry that ends in `error` again is reported; so is a retry the API
--   refuses. The customers are listed first and retried afterwards, a few at a time, so the
--   list's paging is not disturbed by the changes.
--
-- How to run it
--   wholesale run examples/retry-errors/retry-errors.lua --sim-speed 200 \
--     --sim-state /tmp/ex-retry-errors.sqlite --journal /tmp/ex-retry-errors-journal.sqlite
--   Options: --var out=FILE.csv (default retry-report.csv), --concurrency N (retries at once).
--   Exits 1 when a customer is still in `error` after its retry, so a scheduler can alert.
--
-- What it leaves behind
--   From the seed data: seed-error (partner) and seed-subpartner-error (first active sub-partner)
--   provisioned again, with the packages they had. retry-report.csv (or --var out): one line per
--   customer found in error, with its status before and after the retry.

local wholesale = require("wholesale")

local out = wholesale.args.out or "retry-report.csv"

-- The package names of a customer: `packages`, else the names in resourceDetails.
local function packages_of(customer)
  if customer.packages and #customer.packages > 0 then return customer.packages end
  local names = {}
  local details = customer.resourceDetails and customer.resourceDetails.packages or {}
  for _, package in ipairs(details) do names[#names + 1] = package.name end
  return names
end

local function first_error(customer)
  local errors = customer.errors
  if type(errors) == "table" and errors[1] then
    return errors[1].errorCode, errors[1].description
  end
  return nil, nil
end

-- The partner itself, then each active sub-partner: { name, orgId, api }.
local scopes = { { name = "partner", api = wholesale } }
for sp in wholesale.subpartners.list{ provisioningState = "active" } do
  scopes[#scopes + 1] = { name = "sub-partner " .. sp.subscriptionId, orgId = sp.orgId, api = wholesale.on_behalf_of(sp.orgId) }
end

-- Everything in error, listed before anything changes.
local failed = {}
for _, scope in ipairs(scopes) do
  local found = 0
  for customer in scope.api.customers.list{ status = "error" } do
    failed[#failed + 1] = { scope = scope, customer = customer }
    found = found + 1
  end
  wholesale.log.info("customers in error", { scope = scope.name, count = found })
end

local function retry(entry)
  local c, scope = entry.customer, entry.scope
  local code, description = first_error(c)
  local row = {
    scope = scope.name, subPartnerOrgId = scope.orgId, externalId = c.externalId, id = c.id,
    packages = table.concat(packages_of(c), " "), before = c.status, errorCode = code, errorDescription = description,
  }
  wholesale.log.info("retrying", { scope = scope.name, externalId = c.externalId, packages = row.packages, errorCode = code })
  local ok, result = wholesale.try(scope.api.customers.update, c.id, { packages = packages_of(c) }, { wait = true })
  if ok then
    row.after = result.status
    local level = result.status == "error" and "error" or "info"
    wholesale.log[level]("retried", { scope = scope.name, externalId = c.externalId, status = result.status })
  else
    row.after = "refused"
    row.message = tostring(result)
    row.trackingId = result.trackingId
    wholesale.log.error("retry refused", { scope = scope.name, externalId = c.externalId, error = tostring(result) })
  end
  return row
end

local results, failures = wholesale.parallel(failed, retry)
for _, failure in ipairs(failures) do
  -- retry() catches API errors itself; this is a bug in the playbook: report the customer anyway.
  results[failure.index] = { scope = failure.item.scope.name, externalId = failure.item.customer.externalId,
                             id = failure.item.customer.id, before = "error", after = "refused", message = tostring(failure.error) }
end
local rows = {}
for i = 1, #failed do rows[i] = results[i] end

local counts = { found = #rows, recovered = 0, partial = 0, still_error = 0, refused = 0 }
for _, row in ipairs(rows) do
  if row.after == "provisioned" then counts.recovered = counts.recovered + 1
  elseif row.after == "provisioned_with_errors" then counts.partial = counts.partial + 1
  elseif row.after == "refused" then counts.refused = counts.refused + 1
  else counts.still_error = counts.still_error + 1 end
end

wholesale.csv.write(out, rows, {
  "scope", "subPartnerOrgId", "externalId", "id", "packages", "before", "errorCode", "errorDescription",
  "after", "message", "trackingId",
})
wholesale.log.info("done", {
  scopes = #scopes, found = counts.found, recovered = counts.recovered, partial = counts.partial,
  still_error = counts.still_error, refused = counts.refused, report = out,
})

local unresolved = counts.still_error + counts.refused
if unresolved > 0 then
  wholesale.fail(unresolved .. " customer(s) still failing after the retry; see " .. out)
end
