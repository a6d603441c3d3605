-- Checks what examples/offboarding left in the simulator. Run it on the same state:
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/offboarding.lua --sim-speed 200 \
--     --sim-state /tmp/ex-offboarding.sqlite --journal /tmp/ex-offboarding-check-journal.sqlite
-- Exit 0 when the customers of offboard.csv and their subscribers are gone and nothing else was
-- removed; 1 otherwise (e.g. on a fresh state).
local wholesale = require("wholesale")
local expect = require("lib.expect")

-- The first active sub-partner (Sub1000 in the seed), whose customer was offboarded.
local sub1000
for sp in wholesale.subpartners.list{} do
  if sp.subscriptionId == "Sub1000" then sub1000 = wholesale.on_behalf_of(sp.orgId) end
end
if not expect.that(sub1000 ~= nil, "no sub-partner Sub1000") then expect.done("offboarding") end

-- Offboarded: gone.
expect.no_customer(wholesale, "seed-provisioned")
expect.no_customer(wholesale, "seed-partial")
expect.no_customer(sub1000, "seed-subpartner")
expect.no_customer(wholesale, "ob-never-onboarded")

-- The users of seed-provisioned went with it.
for _, email in ipairs{ "ann.lee@seed-provisioned.example.com", "bo.chen@seed-provisioned.example.com",
                        "existing-free.cy@seed-provisioned.example.com" } do
  expect.equal(#wholesale.collect(wholesale.subscribers.list{ email = email }), 0, "subscribers with email " .. email)
end
expect.equal(#wholesale.collect(wholesale.subscribers.list{}), 0, "subscribers left in the partner")

-- Not in offboard.csv: still there.
expect.one_customer(wholesale, "seed-error")
expect.one_customer(wholesale, "seed-provisioning")
expect.one_customer(sub1000, "seed-subpartner-error")

expect.done("offboarding")
