-- Checks what two nights of examples/nightly-reconcile left: the first run reports only, the
-- second (--var fix=true) fixes what the first reported. Run the example twice on one state and
-- one journal, then this check on the same state, letting it read the example's folder:
--   wholesale run examples/nightly-reconcile/nightly-reconcile.lua --sim-speed 200 \
--     --sim-state /tmp/ex-nightly-reconcile.sqlite --journal /tmp/ex-nightly-reconcile-journal.sqlite
--   wholesale run examples/nightly-reconcile/nightly-reconcile.lua --sim-speed 200 \
--     --sim-state /tmp/ex-nightly-reconcile.sqlite --journal /tmp/ex-nightly-reconcile-journal.sqlite --var fix=true
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/nightly-reconcile.lua --sim-speed 200 \
--     --sim-state /tmp/ex-nightly-reconcile.sqlite --journal /tmp/ex-nightly-reconcile-check-journal.sqlite \
--     --allow-dir examples/nightly-reconcile
--   (--var report=PATH for a report written elsewhere; relative to this file's folder.)
-- Exit 0 when the API matches intended.csv and the second report shows what the first found
-- (its lastRun column comes from wholesale.state); 1 otherwise (e.g. on a fresh state).
local wholesale = require("wholesale")
local expect = require("lib.expect")

-- The API now holds every intended customer once, with the intended packages.
expect.customer(wholesale, "seed-provisioned", "provisioned", "webex_calling webex_meetings")
expect.customer(wholesale, "seed-partial", "provisioned", "webex_calling webex_meetings")  -- drift fixed by update
expect.customer(wholesale, "seed-error", "error", "webex_suite")                            -- packages match: untouched
expect.customer(wholesale, "nr-harbor-dental", "provisioned", "webex_meetings")             -- created
expect.customer(wholesale, "nr-cedar-logistics", "provisioned", "webex_calling webex_meetings")
-- The extra customer is reported, never removed.
expect.one_customer(wholesale, "seed-provisioning")

-- The second night's report: what it found before fixing, what it did, what the first night left.
local report = expect.read_csv(wholesale.args.report or "../../../../examples/nightly-reconcile/reconcile-report.csv")
local expected = {
  { "seed-provisioned", "ok", "none", "ok" },
  { "seed-partial", "drift", "updated", "drift" },
  { "seed-error", "ok", "none", "ok" },
  { "nr-harbor-dental", "missing", "created", "missing" },
  { "nr-cedar-logistics", "missing", "created", "missing" },
  { "seed-provisioning", "extra", "none", "extra" },
}
expect.equal(#report, #expected, "lines in the report")
for i, want in ipairs(expected) do
  local line = report[i] or {}
  local externalId = want[1]
  expect.equal(line.externalId, externalId, "report line " .. i)
  expect.equal(line.result, want[2], externalId .. " result")
  expect.equal(line.action, want[3], externalId .. " action")
  expect.equal(line.lastRun, want[4], externalId .. " lastRun (from wholesale.state)")
  expect.equal(line.changed, "no", externalId .. " changed since the first night")
  if line.action == "created" or line.action == "updated" then
    local c = wholesale.customers.find{ externalId = externalId }
    expect.equal(line.id, c and c.id, externalId .. " id in the report")
  end
end

expect.done("nightly-reconcile")
