-- Checks what examples/subscribers-onboard left in the simulator. Run it on the same state:
--   wholesale run Tests/EndToEndTests/Fixtures/example-checks/subscribers-onboard.lua --sim-speed 200 \
--     --sim-state /tmp/ex-subscribers-onboard.sqlite --journal /tmp/ex-subscribers-onboard-check-journal.sqlite
-- Exit 0 when every user of users.csv is a subscriber of seed-provisioned with its package and
-- every free-account user got the consent email (so became provisioned); 1 otherwise.
local wholesale = require("wholesale")
local expect = require("lib.expect")

local customer_external_id = wholesale.args.customer or "seed-provisioned"
local domain = "@seed-provisioned.example.com"
local expected = {
  { email = "dana.ortiz", package = "webex_calling" },
  { email = "eli.novak", package = "webex_meetings" },
  { email = "hal.ito", package = "webex_suite" },
  { email = "existing-free.fay.wong", package = "webex_calling", consent = true },
  { email = "existing-free.gus.berg", package = "webex_meetings", consent = true },
  { email = "ann.lee", package = "webex_calling" },             -- in the seed already: unchanged
  { email = "bo.chen", package = "webex_calling" },             -- in the seed with webex_meetings: updated
  { email = "existing-free.cy", package = "webex_calling", consent = true }, -- seed, pending: reminded
}

local customer = expect.one_customer(wholesale, customer_external_id)
if not customer then expect.done("subscribers-onboard") end

local subscribers = wholesale.collect(wholesale.subscribers.list{ customerId = customer.id })
expect.equal(#subscribers, #expected, "subscribers of " .. customer_external_id)

for _, user in ipairs(expected) do
  local email = user.email .. domain
  local found = wholesale.collect(wholesale.subscribers.list{ email = email })
  if expect.equal(#found, 1, "subscribers with email " .. email) then
    local s = found[1]
    expect.equal(s.customerId, customer.id, email .. " customerId")
    expect.same_packages(s.packages, { user.package }, email)
    if user.consent then
      -- pending_user_migration becomes provisioned only after the consent email (30 s later
      -- in the simulator); without the email it stays pending and this wait times out.
      local ok, after = wholesale.try(wholesale.subscribers.wait, s.id, { ["until"] = { "provisioned" }, timeout = 300 })
      expect.that(ok, email .. ": never left pending_user_migration (no consent email?): " .. tostring(after))
    else
      expect.equal(s.status, "provisioned", email .. " status")
    end
  end
end

expect.done("subscribers-onboard")
