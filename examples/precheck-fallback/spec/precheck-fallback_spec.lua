-- How to test precheck-fallback.lua: `wholesale test examples/precheck-fallback`.
-- Each wholesale.test.run runs the playbook in this process against a fresh simulator on a fast
-- clock; what it writes (outcomes.csv) lands in a scratch folder, returned as r.files.

-- outcomes.csv as { [externalId] = outcome }.
local function outcomes(r)
  local rows = {}
  for line in r.files["outcomes.csv"]:gmatch("[^\n]+") do
    local externalId, outcome = line:match("^([^,]*),([^,]*)")
    if externalId ~= "externalId" then rows[externalId] = outcome end
  end
  return rows
end

-- How many POSTs created each externalId, from the simulator's request log.
local function creates(sim)
  local counts = {}
  for _, request in ipairs(sim.requests()) do
    if request.operation == "customers.provision" then
      local id = request.body.externalId
      counts[id] = (counts[id] or 0) + 1
    end
  end
  return counts
end

describe("precheck-fallback", function()
  it("provisions the accepted rows and falls back where calling is not offered", function()
    local r = wholesale.test.run("precheck-fallback.lua")
    assert.equals(0, r.exit)
    assert.same({
      ["pf-acme-us"] = "provisioned",
      ["pf-leeds-gb"] = "provisioned",
      ["pf-mcmurdo-aq"] = "provisioned with fallback",
      ["pf-vostok-aq"] = "provisioned with fallback",
      ["pf-berlin-de"] = "provisioned",
      ["pf-nowhere-us"] = "refused",
    }, outcomes(r))
  end)

  it("takes the fallback for a row of the spec's own", function()
    local csv = "externalId,name,email,addressLine1,city,stateOrProvince,zipOrPostalCode,country,timezone,packages,fallback\n"
      .. "t-pole-aq,Pole Station,it@pole.example.com,1 Ice Way,South Pole,,,AQ,Antarctica/McMurdo,webex_calling,webex_meetings\n"
    local r = wholesale.test.run("precheck-fallback.lua", { files = { ["customers.csv"] = csv } })
    assert.equals(0, r.exit)
    assert.same({ ["t-pole-aq"] = "provisioned with fallback" }, outcomes(r))
    local warned = false
    for _, line in ipairs(r.logs) do
      if line.level == "warn" and line.fields.externalId == "t-pole-aq" then warned = true end
    end
    assert.is_true(warned, "expected a warning naming the fallback")
  end)

  it("survives a storm of 429s", function()
    local sim = wholesale.test.sim()
    sim.fail_next{ operation = "customers.provision", status = 429, times = 3 }
    sim.fail_next{ operation = "customers.precheck", status = 429, times = 3 }
    local r = wholesale.test.run("precheck-fallback.lua", { sim = sim })
    assert.equals(0, r.exit)
    assert.equals("provisioned", outcomes(r)["pf-acme-us"])
    local limited = 0
    for _, request in ipairs(sim.requests()) do
      if request.status == 429 then limited = limited + 1 end
    end
    assert.equals(6, limited)
  end)

  it("creates nothing twice when killed at any request and run again", function()
    local sim = wholesale.test.sim()
    local first = wholesale.test.run("precheck-fallback.lua", { sim = sim, kill_at = { request = math.random(1, 40) } })
    assert.equals(137, first.exit)
    local again = wholesale.test.run("precheck-fallback.lua", { state = first.state })
    assert.equals(0, again.exit)
    for externalId, count in pairs(creates(sim)) do
      assert.equals(1, count, externalId .. " was created")
    end
    local ours = 0
    for _, customer in ipairs(sim.customers()) do
      if customer.externalId:match("^pf%-") then ours = ours + 1 end
    end
    assert.equals(5, ours, "customers the playbook made")
  end)

  it("changes nothing in a dry run", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("precheck-fallback.lua", { sim = sim, dry_run = true })
    assert.equals(0, r.exit)
    assert.equals(5, #r.plan.changes)
    for _, request in ipairs(sim.requests()) do
      assert.truthy(request.method == "GET" or request.operation == "customers.precheck",
        "a dry run sent " .. request.method .. " " .. request.path)
    end
  end)
end)
