-- Checks what examples/bulk-onboard left in the simulator, row by row of its customers.csv, and
-- that its outcomes.csv has one matching line per input row. Run it on the same state, letting
-- it read the example's folder:
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/bulk-onboard.lua --sim-speed 200 \
--     --sim-state /tmp/ex-bulk-onboard.sqlite --journal /tmp/ex-bulk-onboard-check-journal.sqlite \
--     --allow-dir examples/bulk-onboard
--   (--var dir=PATH names the example's folder when the check is run from elsewhere; relative
--   to this file's folder; --var outcomes=FILE.csv when the example wrote them elsewhere.)
-- Exit 0 when every row ended as its triggers say, 1 otherwise (e.g. on a fresh state).
local wholesale = require("wholesale")
local expect = require("lib.expect")

local dir = wholesale.args.dir or "../../../../examples/bulk-onboard"
local rows = expect.read_csv(dir .. "/customers.csv")
local outcomes = expect.read_csv(wholesale.args.outcomes or (dir .. "/outcomes.csv"))
expect.equal(#rows, 300, "rows in customers.csv")

-- Every customer of the partner, by externalId (a list: duplicates would show).
local by_external_id = {}
for c in wholesale.customers.list{ max = 100 } do
  local list = by_external_id[c.externalId] or {}
  list[#list + 1] = c
  by_external_id[c.externalId] = list
end

local function starts(text, prefix) return text:sub(1, #prefix) == prefix end

local function has_calling(packages)
  return packages:find("calling", 1, true) ~= nil or packages:find("suite", 1, true) ~= nil
end

local expected_counts = { provisioned = 0, error = 0, provisioned_with_errors = 0, refused = 0 }
for i, row in ipairs(rows) do
  local id = row.externalId
  local found = by_external_id[id] or {}
  local outcome = outcomes[i] or {}
  expect.equal(outcome.externalId, id, "outcomes.csv line " .. i .. " externalId")
  if row.country == "AQ" and has_calling(row.packages) then
    expected_counts.refused = expected_counts.refused + 1
    expect.equal(#found, 0, "customers " .. id .. " (refused in AQ)")
    expect.equal(outcome.action, "refused", id .. " action")
    expect.equal(outcome.code, "4004", id .. " code")
    expect.that((outcome.trackingId or "") ~= "", id .. ": the refusal has no trackingId in outcomes.csv")
  elseif expect.equal(#found, 1, "customers " .. id) then
    local c = found[1]
    local status = "provisioned"
    if starts(id, "sim-error") then status = "error" elseif starts(id, "sim-partial") then status = "provisioned_with_errors" end
    expected_counts[status] = expected_counts[status] + 1
    expect.equal(c.status, status, id .. " status")
    expect.same_packages(c.packages, row.packages, id)
    expect.equal(outcome.id, c.id, id .. " id in outcomes.csv")
    expect.equal(outcome.status, c.status, id .. " status in outcomes.csv")
    expect.that(outcome.action == "created" or outcome.action == "unchanged", id .. ": action " .. tostring(outcome.action))
  end
end
expect.equal(#outcomes, #rows, "lines in outcomes.csv")
-- The CSV does hit every trigger.
expect.equal(expected_counts.error, 5, "rows ending in error")
expect.equal(expected_counts.provisioned_with_errors, 5, "rows ending provisioned_with_errors")
expect.equal(expected_counts.refused, 3, "rows refused")

expect.done("bulk-onboard")
