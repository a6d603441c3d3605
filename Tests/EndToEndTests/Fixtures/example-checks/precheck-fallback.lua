-- Checks what examples/precheck-fallback left in the simulator. Run it on the same state:
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/precheck-fallback.lua --sim-speed 200 \
--     --sim-state /tmp/ex-precheck-fallback.sqlite --journal /tmp/ex-precheck-fallback-check-journal.sqlite
-- Exit 0 when every row of customers.csv ended as expected, 1 otherwise (e.g. on a fresh state).
local wholesale = require("wholesale")
local expect = require("lib.expect")

-- Provisioned directly, with the packages asked for.
expect.customer(wholesale, "pf-acme-us", "provisioned", { "webex_calling", "webex_meetings" })
expect.customer(wholesale, "pf-leeds-gb", "provisioned", { "webex_meetings" })
expect.customer(wholesale, "pf-berlin-de", "provisioned", { "webex_calling" })

-- Calling is not offered in AQ (4004): both fell back to webex_meetings alone.
expect.customer(wholesale, "pf-mcmurdo-aq", "provisioned", { "webex_meetings" })
expect.customer(wholesale, "pf-vostok-aq", "provisioned", { "webex_meetings" })

-- Refused by the precheck (4003, unverifiable address): never provisioned.
expect.no_customer(wholesale, "pf-nowhere-us")

-- The seed customers are untouched.
expect.customer(wholesale, "seed-provisioned", "provisioned", { "webex_calling", "webex_meetings" })

expect.done("precheck-fallback")
