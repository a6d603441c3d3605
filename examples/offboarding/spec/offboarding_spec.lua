-- How to test offboarding.lua: `wholesale test examples/offboarding`.
-- offboard.csv names seed customers (docs/simulator.md): seed-provisioned with its three
-- subscribers, seed-partial, the sub-partner Sub1000's seed-subpartner, and one that never
-- existed. Every test starts from a fresh simulator, so deleting them is safe.

-- offboard-report.csv as { [externalId] = { subscribersRemoved = "N", result = ... } }.
local function report(r)
  local rows = {}
  for line in r.files["offboard-report.csv"]:gmatch("[^\n]+") do
    local externalId, removed, result = line:match("^([^,]*),[^,]*,[^,]*,[^,]*,([^,]*),([^,]*)")
    if externalId ~= "externalId" then rows[externalId] = { subscribersRemoved = removed, result = result } end
  end
  return rows
end

-- The requests the simulator received for `operation`.
local function requests(sim, operation)
  local list = {}
  for i, request in ipairs(sim.requests()) do
    if request.operation == operation then request.index = i; list[#list + 1] = request end
  end
  return list
end

describe("offboarding", function()
  it("removes the listed customers, their subscribers first", function()
    local sim = wholesale.test.sim()
    local seed_provisioned = sim.customers{ externalId = "seed-provisioned" }[1]
    assert.equals(3, #sim.subscribers{ customerId = seed_provisioned.id })

    local r = wholesale.test.run("offboarding.lua", { sim = sim })
    assert.equals(0, r.exit)
    assert.same({
      ["seed-provisioned"] = { subscribersRemoved = "3", result = "removed" },
      ["seed-partial"] = { subscribersRemoved = "0", result = "removed" },
      ["seed-subpartner"] = { subscribersRemoved = "0", result = "removed" },
      ["ob-never-onboarded"] = { subscribersRemoved = "0", result = "not_found" },
    }, report(r))

    -- The simulator agrees: of the partner's own customers only the two not listed are left.
    local left = {}
    for _, customer in ipairs(sim.customers()) do left[#left + 1] = customer.externalId end
    table.sort(left)
    assert.same({ "seed-error", "seed-provisioning" }, left)
    assert.same({}, sim.subscribers{ customerId = seed_provisioned.id })

    -- Order matters: each user is removed (and logged) before the customer goes.
    local users, customers = requests(sim, "subscribers.remove"), requests(sim, "customers.remove")
    assert.equals(3, #users)
    assert.truthy(users[3].index < customers[1].index, "a customer was removed before its subscribers")

    -- The sub-partner's customer was removed on its behalf: the DELETE names the sub-partner.
    local org = customers[3].query.onBehalfOfSubPartnerOrgId
    assert.is_not_nil(org, "the third DELETE should act on behalf of Sub1000")
    assert.same({}, sim.customers{ onBehalfOf = org, externalId = "seed-subpartner" })
    assert.equals(1, #sim.customers{ onBehalfOf = org, externalId = "seed-subpartner-error" }, "not listed: kept")
  end)

  it("is harmless to run again: everything is not_found", function()
    local first = wholesale.test.run("offboarding.lua")
    local again = wholesale.test.run("offboarding.lua", { state = first.state })
    assert.equals(0, again.exit)
    for externalId, row in pairs(report(again)) do assert.equals("not_found", row.result, externalId) end
  end)

  it("stops a customer whose subscriber cannot be removed, and one of an unknown sub-partner", function()
    local sim = wholesale.test.sim()
    -- The first user's DELETE gets a 500 (not retried): seed-provisioned must stay, users and all.
    sim.fail_next{ operation = "subscribers.remove", status = 500 }
    local csv = "externalId,subPartner,reason\n"
      .. "seed-provisioned,,contract ended\n"
      .. "seed-error,Sub9999,a sub-partner that does not exist\n"
      .. "seed-partial,,moved to another provider\n"
    local r = wholesale.test.run("offboarding.lua", { sim = sim, files = { ["offboard.csv"] = csv } })
    assert.equals(1, r.exit)
    assert.matches("2 customer%(s%) could not be offboarded", r.stderr)
    local rows = report(r)
    assert.equals("failed", rows["seed-provisioned"].result)
    assert.equals("failed", rows["seed-error"].result)
    assert.equals("removed", rows["seed-partial"].result) -- the other rows still go ahead
    local seed_provisioned = sim.customers{ externalId = "seed-provisioned" }[1]
    assert.is_not_nil(seed_provisioned, "seed-provisioned was removed")
    assert.equals(3, #sim.subscribers{ customerId = seed_provisioned.id })
    assert.is_not_nil(sim.customers{ externalId = "seed-error" }[1], "seed-error was removed")
  end)

  it("lists every removal and removes nothing in a dry run", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("offboarding.lua", { sim = sim, dry_run = true })
    assert.equals(0, r.exit)
    -- A dry run writes offboard-report.csv.dry-run and leaves offboard-report.csv as it was.
    assert.is_nil(r.files["offboard-report.csv"])
    r.files["offboard-report.csv"] = r.files["offboard-report.csv.dry-run"]
    assert.equals("planned", report(r)["seed-provisioned"].result)
    -- Three users and three customers, each a DELETE in the plan.
    local planned = {}
    for _, change in ipairs(r.plan.changes) do planned[change.operation] = (planned[change.operation] or 0) + 1 end
    assert.same({ ["subscribers.remove"] = 3, ["customers.remove"] = 3 }, planned)
    for _, request in ipairs(sim.requests()) do
      assert.equals("GET", request.method, "a dry run sent " .. request.method .. " " .. request.path)
    end
    assert.equals(4, #sim.customers())
  end)
end)
