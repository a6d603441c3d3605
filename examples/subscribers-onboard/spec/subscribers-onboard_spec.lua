-- How to test subscribers-onboard.lua: `wholesale test examples/subscribers-onboard`.
-- users.csv onboards eight users into the seed's customer seed-provisioned, which already has
-- three (docs/simulator.md): ann.lee (as described), bo.chen (another package) and the pending
-- existing-free.cy. Emails starting existing-free are the simulator's users with a free Webex
-- account: they come back pending_user_migration until they consent (30 simulated seconds).

local HEADER = "email,firstName,lastName,package,primaryPhoneNumber,extension\n"

-- outcomes.csv as { [email] = { status, action, consent, code } }.
local function outcomes(r)
  local rows = {}
  for line in r.files["outcomes.csv"]:gmatch("[^\n]+") do
    local email, status, action, consent, code = line:match("^([^,]*),[^,]*,[^,]*,([^,]*),([^,]*),([^,]*),([^,]*)")
    if email ~= "email" then rows[email] = { status = status, action = action, consent = consent, code = code } end
  end
  return rows
end

-- The simulator's requests for `operation`.
local function requests(sim, operation)
  local list = {}
  for _, request in ipairs(sim.requests()) do
    if request.operation == operation then list[#list + 1] = request end
  end
  return list
end

local function user(name) return name .. "@seed-provisioned.example.com" end

describe("subscribers-onboard", function()
  it("creates, updates or leaves each user, and asks the free-account users for consent", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("subscribers-onboard.lua", { sim = sim })
    assert.equals(0, r.exit)
    local o = outcomes(r)
    assert.same({ status = "provisioned", action = "created", consent = "", code = "" }, o[user("dana.ortiz")])
    assert.same({ status = "pending_user_migration", action = "created", consent = "sent", code = "" }, o[user("existing-free.fay.wong")])
    assert.same({ status = "provisioned", action = "updated", consent = "", code = "" }, o[user("bo.chen")])
    assert.same({ status = "provisioned", action = "unchanged", consent = "", code = "" }, o[user("ann.lee")])
    -- Pending before this run: nothing to change, but a reminder goes out.
    assert.same({ status = "pending_user_migration", action = "unchanged", consent = "sent", code = "" }, o[user("existing-free.cy")])
    -- In the simulator: eight users in the customer, bo.chen on webex_calling, three consent emails.
    local customer = sim.customers{ externalId = "seed-provisioned" }[1]
    assert.equals(8, #sim.subscribers{ customerId = customer.id })
    assert.same({ "webex_calling" }, sim.subscribers{ email = user("bo.chen") }[1].packages)
    assert.equals(3, #requests(sim, "subscribers.consent_move"))
  end)

  it("waits for consent with wait_consent", function()
    -- The simulator's users consent 30 s after the email; the spec's clock runs 1000 times
    -- faster than real time, so waiting 60 simulated seconds takes a few milliseconds.
    local r = wholesale.test.run("subscribers-onboard.lua", { args = { wait_consent = "60" } })
    assert.equals(0, r.exit)
    local o = outcomes(r)
    for _, name in ipairs({ "existing-free.fay.wong", "existing-free.gus.berg", "existing-free.cy" }) do
      assert.equals("provisioned", o[user(name)].status, name)
      assert.equals("given", o[user(name)].consent, name)
    end
  end)

  it("reports a row the API refuses and one it cannot send, and exits 1", function()
    local sim = wholesale.test.sim()
    -- Into seed-partial this time (args customer=...), with a users.csv of the test's own: an
    -- email that already belongs to a user of seed-provisioned, and a misspelt package.
    local csv = HEADER
      .. "ann.lee@seed-provisioned.example.com,Ann,Lee,webex_meetings,,\n"
      .. "zed@seed-partial.example.com,Zed,Ray,webex_meetngs,,\n"
    local r = wholesale.test.run("subscribers-onboard.lua", {
      sim = sim, args = { customer = "seed-partial" }, files = { ["users.csv"] = csv },
    })
    assert.equals(1, r.exit)
    assert.matches("2 user%(s%) failed", r.stderr)
    local o = outcomes(r)
    assert.equals("failed", o["ann.lee@seed-provisioned.example.com"].action)
    assert.equals("10022", o["ann.lee@seed-provisioned.example.com"].code) -- email already in use
    assert.equals("failed", o["zed@seed-partial.example.com"].action)
    -- The client checks bodies before sending them: the misspelt package never left the machine.
    for _, request in ipairs(sim.requests()) do
      assert.truthy(not (request.body and request.body.email == "zed@seed-partial.example.com"), "an invalid body was sent")
    end
  end)

  it("reports a consent email that failed, and exits 1", function()
    local sim = wholesale.test.sim()
    -- Users are onboarded one by one, in file order: fay.wong's is the first consent email.
    sim.fail_next{ operation = "subscribers.consent_move", status = 500 }
    local r = wholesale.test.run("subscribers-onboard.lua", { sim = sim })
    assert.equals(1, r.exit)
    local o = outcomes(r)
    assert.equals("failed", o[user("existing-free.fay.wong")].consent)
    assert.equals("sent", o[user("existing-free.gus.berg")].consent)
  end)

  it("stops before any user when the customer is missing or not provisioned", function()
    for externalId, message in pairs({ ["seed-error"] = "customer seed%-error is error", ["nobody"] = "no customer with externalId nobody" }) do
      local sim = wholesale.test.sim()
      local r = wholesale.test.run("subscribers-onboard.lua", { sim = sim, args = { customer = externalId } })
      assert.equals(1, r.exit, externalId)
      assert.matches(message, r.stderr)
      assert.is_nil(r.files["outcomes.csv"])
      assert.equals(1, #sim.requests(), "only the customer's lookup") -- GET customers?externalId=...
    end
  end)

  it("sends nothing but GETs and prechecks in a dry run", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("subscribers-onboard.lua", { sim = sim, dry_run = true })
    assert.equals(0, r.exit)
    -- New users come back provisioned in a dry run, so the only consent email planned is the
    -- reminder to existing-free.cy, who was pending already.
    local planned = {}
    for _, change in ipairs(r.plan.changes) do planned[change.operation] = (planned[change.operation] or 0) + 1 end
    assert.same({ ["subscribers.provision"] = 5, ["subscribers.update"] = 1, ["subscribers.consent_move"] = 1 }, planned)
    for _, request in ipairs(sim.requests()) do
      assert.truthy(request.method == "GET" or request.operation == "subscribers.precheck",
        "a dry run sent " .. request.method .. " " .. request.path)
    end
  end)
end)
