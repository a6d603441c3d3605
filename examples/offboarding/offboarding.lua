-- offboarding: remove the customers listed in a CSV, their users first.
--
-- What it does
--   For each row of offboard.csv (externalId, optional subPartner subscription id, reason) it
--   finds the customer, acting on behalf of the sub-partner when the row names one. It removes
--   the customer's subscribers one by one first: each user's licence is released and logged
--   (the journal keeps a line per user) rather than vanishing with the customer, and a user
--   that cannot be removed stops that customer's offboarding while it can still be looked at.
--   Then it removes the customer and waits until it is gone. A customer that does not exist is
--   reported as not_found (offboarding it again is harmless). Nothing is removed for a row
--   that names an unknown sub-partner.
--   This deletes data: try it with --dry-run first, which lists every removal it would make.
--
-- How to run it
--   wholesale run examples/offboarding/offboarding.lua --sim-speed 200 \
--     --sim-state /tmp/ex-offboarding.sqlite --journal /tmp/ex-offboarding-journal.sqlite
--   Options: --var input=FILE.csv (default offboard.csv), --var out=FILE.csv (default
--   offboard-report.csv). Exits 1 when a customer could not be removed.
--
-- What it leaves behind
--   seed-provisioned (and its three subscribers), seed-partial and the first active
--   sub-partner's seed-subpartner are gone; ob-never-onboarded is reported not_found.
--   offboard-report.csv (or --var out): externalId, subPartner, reason, id, subscribersRemoved,
--   result (removed / not_found / failed; planned in a dry run), error.

local wholesale = require("wholesale")

local input = wholesale.args.input or "offboard.csv"
local done = wholesale.run.dry_run and "planned (dry run)" or "removed"
local out = wholesale.args.out or "offboard-report.csv"

-- Sub-partners by subscription id (suspended ones too: a suspended sub-partner may still delete).
local subpartners = {}
for sp in wholesale.subpartners.list{} do subpartners[sp.subscriptionId] = sp end

local function offboard(row, line)
  local api = wholesale
  if row.subPartner ~= "" then
    local sp = subpartners[row.subPartner]
    if not sp then error("no sub-partner with subscription id " .. row.subPartner) end
    api = wholesale.on_behalf_of(sp.orgId)
  end

  local customer = api.customers.find{ externalId = row.externalId }
  if not customer then
    line.result = "not_found"
    wholesale.log.warn("no such customer, nothing to do", { externalId = row.externalId, subPartner = row.subPartner })
    return
  end
  line.id = customer.id

  -- Collect first, then remove: removing while paging through the list would skip users.
  local subscribers = wholesale.collect(api.subscribers.list{ customerId = customer.id })
  for _, s in ipairs(subscribers) do
    api.subscribers.remove(s.id)
    line.subscribersRemoved = line.subscribersRemoved + 1
    wholesale.log.info("subscriber " .. done, { externalId = row.externalId, email = s.email })
  end

  api.customers.remove(customer.id, { wait = true })
  line.result = wholesale.run.dry_run and "planned" or "removed"
  wholesale.log.info("customer " .. done, {
    externalId = row.externalId, subPartner = row.subPartner, subscribers = line.subscribersRemoved, reason = row.reason,
  })
end

local lines, failed = {}, 0
for row in wholesale.csv.read(input) do
  local line = { externalId = row.externalId, subPartner = row.subPartner, reason = row.reason, subscribersRemoved = 0 }
  local ok, err = wholesale.try(offboard, row, line)
  if not ok then
    failed = failed + 1
    line.result, line.error = "failed", tostring(err)
    wholesale.log.error("offboarding failed", { externalId = row.externalId, error = tostring(err) })
  end
  lines[#lines + 1] = line
end

wholesale.csv.write(out, lines, { "externalId", "subPartner", "reason", "id", "subscribersRemoved", "result", "error" })

local removed, not_found = 0, 0
for _, line in ipairs(lines) do
  if line.result == "removed" or line.result == "planned" then removed = removed + 1 end
  if line.result == "not_found" then not_found = not_found + 1 end
end
wholesale.log.info("done", { rows = #lines, removed = removed, not_found = not_found, failed = failed, report = out })

if failed > 0 then wholesale.fail(failed .. " customer(s) could not be offboarded; see " .. out) end
