-- How to test nightly-reconcile.lua: `wholesale test examples/nightly-reconcile`.
-- intended.csv names three of the seed's customers and two that do not exist yet, so a fresh
-- simulator (the seed data, docs/simulator.md) has one of each result: ok, drift, missing, extra.
-- A "night" is one run; `state = r.state` runs the next night against the same simulator and
-- journal, which is where wholesale.state keeps "last_run".

-- reconcile-report.csv as { [externalId] = { result, status, action, lastRun, changed } }.
local function report(r)
  local rows = {}
  for line in r.files["reconcile-report.csv"]:gmatch("[^\n]+") do
    local f = {}
    for field in (line .. ","):gmatch("([^,]*),") do f[#f + 1] = field end
    if f[1] ~= "externalId" then
      rows[f[1]] = { result = f[2], status = f[3], action = f[6], lastRun = f[7], changed = f[9] }
    end
  end
  return rows
end

-- The requests that change something (anything but GETs and prechecks), as "METHOD path" lines.
local function changes(sim)
  local list = {}
  for _, request in ipairs(sim.requests()) do
    if request.method ~= "GET" and request.operation ~= "customers.precheck" then
      list[#list + 1] = request.method .. " " .. request.path
    end
  end
  return list
end

-- The simulator's customer with this externalId, or nil.
local function customer(sim, externalId)
  return sim.customers{ externalId = externalId }[1]
end

describe("nightly-reconcile", function()
  it("reports ok, drift, missing and extra, and changes nothing without fix=true", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("nightly-reconcile.lua", { sim = sim })
    assert.equals(0, r.exit)
    local rows = report(r)
    assert.equals("ok", rows["seed-provisioned"].result)
    assert.equals("drift", rows["seed-partial"].result)         -- has webex_calling only
    assert.equals("missing", rows["nr-harbor-dental"].result)
    assert.equals("missing", rows["nr-cedar-logistics"].result)
    assert.equals("extra", rows["seed-provisioning"].result)    -- exists, not intended
    assert.equals("", rows["seed-provisioned"].changed)         -- the first night sets the baseline
    assert.same({}, changes(sim))
  end)

  it("with fix=true creates the missing, updates the drifted, and leaves the extra alone", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("nightly-reconcile.lua", { sim = sim, args = { fix = "true" } })
    assert.equals(0, r.exit)
    local rows = report(r)
    assert.equals("created", rows["nr-harbor-dental"].action)
    assert.equals("created", rows["nr-cedar-logistics"].action)
    assert.equals("updated", rows["seed-partial"].action)
    assert.equals("none", rows["seed-provisioning"].action)
    -- Check the simulator itself, not only what the playbook says it did.
    assert.equals("provisioned", customer(sim, "nr-harbor-dental").status)
    local packages = customer(sim, "seed-partial").packages
    table.sort(packages)
    assert.same({ "webex_calling", "webex_meetings" }, packages)
    assert.is_not_nil(customer(sim, "seed-provisioning"), "extras are never removed")
  end)

  it("says what changed since the previous night", function()
    local first = wholesale.test.run("nightly-reconcile.lua")
    -- The second night, the partner now intends seed-provisioned to have meetings only: a
    -- two-row intended.csv of the test's own stands in for the real one.
    local intended = "externalId,name,email,addressLine1,city,stateOrProvince,zipOrPostalCode,country,timezone,packages\n"
      .. "seed-provisioned,Seed Provisioned,a@example.com,1 Main St,Milpitas,CA,95035,US,America/Los_Angeles,webex_meetings\n"
      .. "seed-error,Seed Error,a@example.com,1 Main St,Milpitas,CA,95035,US,America/Los_Angeles,webex_suite\n"
    local second = wholesale.test.run("nightly-reconcile.lua", { state = first.state, files = { ["intended.csv"] = intended } })
    assert.equals(0, second.exit)
    local rows = report(second)
    assert.same({ result = "drift", status = "provisioned", action = "none", lastRun = "ok", changed = "yes" },
      rows["seed-provisioned"])
    assert.equals("no", rows["seed-error"].changed)
    assert.equals("extra", rows["seed-partial"].result)   -- no longer intended
    -- The two customers the first night found missing are neither intended nor present now.
    local gone = {}
    for _, line in ipairs(second.logs) do
      if line.message == "no longer present" then gone[#gone + 1] = line.fields.externalId end
    end
    table.sort(gone)
    assert.same({ "nr-cedar-logistics", "nr-harbor-dental" }, gone)
  end)

  it("exits 1 when a fix fails, and reports the others", function()
    local sim = wholesale.test.sim()
    -- Rows are fixed in file order: nr-harbor-dental is the first customer POSTed.
    sim.fail_next{ operation = "customers.provision", status = 500 }
    local r = wholesale.test.run("nightly-reconcile.lua", { sim = sim, args = { fix = "true" } })
    assert.equals(1, r.exit)
    assert.matches("1 fix%(es%) failed", r.stderr)
    local rows = report(r)
    assert.equals("failed", rows["nr-harbor-dental"].action)
    assert.equals("created", rows["nr-cedar-logistics"].action)
    assert.is_nil(customer(sim, "nr-harbor-dental"))
  end)

  it("refuses an intended.csv that lists an externalId twice", function()
    local csv = "externalId,packages\nseed-error,webex_suite\nseed-error,webex_suite\n"
    local r = wholesale.test.run("nightly-reconcile.lua", { files = { ["intended.csv"] = csv } })
    assert.equals(1, r.exit)
    assert.matches("externalId seed%-error is listed twice", r.stderr)
    assert.is_nil(r.files["reconcile-report.csv"])
  end)

  it("changes nothing and saves no state in a dry run with fix=true", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("nightly-reconcile.lua", { sim = sim, dry_run = true, args = { fix = "true" } })
    assert.equals(0, r.exit)
    assert.same({}, changes(sim))
    -- The plan has the three fixes: one PUT, two POSTs.
    local planned = {}
    for _, change in ipairs(r.plan.changes) do planned[#planned + 1] = change.operation end
    table.sort(planned)
    assert.same({ "customers.provision", "customers.provision", "customers.update" }, planned)
    -- A dry run does not set the baseline: the next night is still the first.
    local next_night = wholesale.test.run("nightly-reconcile.lua", { state = r.state })
    assert.equals("", report(next_night)["seed-provisioned"].changed)
  end)
end)
