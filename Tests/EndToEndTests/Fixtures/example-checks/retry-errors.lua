-- Checks what examples/retry-errors left in the simulator. Run it on the same state:
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/retry-errors.lua --sim-speed 200 \
--     --sim-state /tmp/ex-retry-errors.sqlite --journal /tmp/ex-retry-errors-check-journal.sqlite
-- Exit 0 when no customer of the partner or of an active sub-partner is left in `error` and the
-- seed's failed customers were recovered with their packages; 1 otherwise (e.g. on a fresh state).
local wholesale = require("wholesale")
local expect = require("lib.expect")

local function none_in_error(api, scope)
  local left = {}
  for c in api.customers.list{ status = "error" } do left[#left + 1] = c.externalId end
  expect.that(#left == 0, scope .. ": still in error: " .. table.concat(left, ", "))
end

-- The partner's own failed customer, retried once and recovered.
none_in_error(wholesale, "partner")
expect.customer(wholesale, "seed-error", "provisioned", { "webex_suite" })

-- The failed customer of the first active sub-partner, recovered on its behalf.
local recovered = 0
for sp in wholesale.subpartners.list{ provisioningState = "active" } do
  local api = wholesale.on_behalf_of(sp.orgId)
  none_in_error(api, "sub-partner " .. sp.subscriptionId)
  local found = expect.customers_named(api, "seed-subpartner-error")
  if #found > 0 then
    expect.customer(api, "seed-subpartner-error", "provisioned", { "webex_calling" })
    recovered = recovered + 1
  end
end
expect.equal(recovered, 1, "sub-partners holding seed-subpartner-error")

-- Nothing else changed: the customers that were fine are as they were.
expect.customer(wholesale, "seed-provisioned", "provisioned", { "webex_calling", "webex_meetings" })
expect.customer(wholesale, "seed-partial", "provisioned_with_errors", { "webex_calling" })

expect.done("retry-errors")
