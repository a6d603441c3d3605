-- subscribers-onboard: provision the users of a customer from a CSV, and ask the users who
-- already have a free Webex account to consent to the move.
--
-- What it does
--   Finds the customer by its externalId (seed-provisioned, or --var customer=EXTERNAL_ID) and
--   stops unless it is provisioned. For each row of users.csv it calls subscribers.ensure:
--   a new user is prechecked and provisioned, a user with another package is updated, a user
--   as described is left alone. A user who already has a free Webex account comes back
--   `pending_user_migration`: Webex cannot move the account without the user's consent, so the
--   playbook sends the consent email (subscribers.consent_move). That also covers users who
--   were pending before this run (a reminder). With --var wait_consent=SECONDS it then waits
--   that long for the users to consent, and reports who has not.
--
-- How to run it
--   wholesale run examples/subscribers-onboard/subscribers-onboard.lua --sim-speed 200 \
--     --sim-state /tmp/ex-subscribers-onboard.sqlite --journal /tmp/ex-subscribers-onboard-journal.sqlite
--   Options: --var customer=EXTERNAL_ID (default seed-provisioned), --var input=FILE.csv
--   (default users.csv), --var out=FILE.csv (default outcomes.csv), --var wait_consent=SECONDS.
--   Exits 1 when a row failed (a refused precheck, an HTTP error).
--
-- What it leaves behind
--   In seed-provisioned: dana.ortiz, eli.novak and hal.ito provisioned; existing-free.fay.wong
--   and existing-free.gus.berg created pending_user_migration with a consent email sent (the
--   simulator's users consent 30 s later); bo.chen moved to webex_calling; ann.lee unchanged;
--   the seed's pending existing-free.cy sent a reminder. outcomes.csv (or --var out): one line
--   per user with id, status, action and whether a consent email went out.

local wholesale = require("wholesale")

local external_id = wholesale.args.customer or "seed-provisioned"
local input = wholesale.args.input or "users.csv"
local out = wholesale.args.out or "outcomes.csv"
local wait_consent = tonumber(wholesale.args.wait_consent)

local function blank_to_nil(value)
  if value == "" then return nil end
  return value
end

local customer = wholesale.customers.find{ externalId = external_id }
if not customer then
  wholesale.fail("no customer with externalId " .. external_id)
end
if customer.status ~= "provisioned" and customer.status ~= "provisioned_with_errors" then
  wholesale.fail("customer " .. external_id .. " is " .. customer.status .. "; subscribers need a provisioned customer")
end
wholesale.log.info("customer", { externalId = external_id, id = customer.id, status = customer.status })

local function build_subscriber(row)
  return {
    customerId = customer.id,
    email = row.email,
    packages = { row.package },
    provisioningParameters = {
      firstName = row.firstName,
      lastName = row.lastName,
      primaryPhoneNumber = blank_to_nil(row.primaryPhoneNumber),
      extension = blank_to_nil(row.extension),
    },
  }
end

local outcomes, pending = {}, {}
local failed = 0

for row in wholesale.csv.read(input) do
  local line = { email = row.email, package = row.package, consent = "" }
  local ok, subscriber, action = wholesale.try(wholesale.subscribers.ensure, build_subscriber(row))
  if ok then
    line.id, line.status, line.action = subscriber.id, subscriber.status, action
    wholesale.log.info(action, { email = row.email, status = subscriber.status })
    if subscriber.status == "pending_user_migration" then
      local sent, err = wholesale.try(wholesale.subscribers.consent_move, subscriber.id)
      if sent then
        line.consent = "sent"
        pending[#pending + 1] = line
        wholesale.log.info("consent email sent", { email = row.email })
      else
        line.consent = "failed"
        line.error, line.trackingId = tostring(err), err.trackingId
        failed = failed + 1
        wholesale.log.error("consent email failed", { email = row.email, error = tostring(err) })
      end
    end
  else
    local err = subscriber
    failed = failed + 1
    line.action, line.code, line.error, line.trackingId = "failed", err.code, tostring(err), err.trackingId
    wholesale.log.error("subscriber failed", { email = row.email, error = tostring(err) })
  end
  outcomes[#outcomes + 1] = line
end

-- Optionally give the users time to consent, all at once.
if wait_consent and #pending > 0 then
  wholesale.log.info("waiting for consent", { users = #pending, seconds = wait_consent })
  wholesale.parallel(pending, function(line)
    local ok, subscriber = wholesale.try(wholesale.subscribers.wait, line.id, { ["until"] = { "provisioned" }, timeout = wait_consent })
    if ok then
      line.status, line.consent = subscriber.status, "given"
    else
      line.consent = "no answer yet"
      wholesale.log.warn("no consent yet", { email = line.email })
    end
  end)
end

wholesale.csv.write(out, outcomes, { "email", "package", "id", "status", "action", "consent", "code", "error", "trackingId" })
wholesale.log.info("done", { users = #outcomes, consent_emails = #pending, failed = failed, report = out })

if failed > 0 then wholesale.fail(failed .. " user(s) failed; see " .. out) end
