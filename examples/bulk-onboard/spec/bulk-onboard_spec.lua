-- How to test bulk-onboard.lua: `wholesale test examples/bulk-onboard`.
-- Each wholesale.test.run runs the playbook in this process against a simulator on a fast clock.
-- The real customers.csv has 300 rows (about 1.5 s a run); these tests hand the playbook a
-- 15-row CSV of their own through `files`, which it reads in place of customers.csv.

-- 15 rows in customers.csv's columns: 12 ordinary customers, and one row for each of the
-- simulator's triggers the playbook must cope with (docs/simulator.md, "Triggers").
local HEADER = "externalId,name,email,addressLine1,city,stateOrProvince,zipOrPostalCode,country,timezone,packages\n"
local PLACES = {
  "Milpitas,CA,95035,US,America/Los_Angeles",
  "Leeds,,LS1 6HD,GB,Europe/London",
  "Berlin,,10117,DE,Europe/Berlin",
}
local PACKAGES = { "webex_calling webex_meetings", "webex_meetings", "webex_suite" }

local function row(externalId, place, packages)
  return string.format("%s,Customer %s,admin@%s.example.com,1 Main Street,%s,%s\n", externalId, externalId, externalId, place, packages)
end

local csv = HEADER
for i = 1, 12 do
  csv = csv .. row(string.format("t-%02d", i), PLACES[i % 3 + 1], PACKAGES[i % 3 + 1])
end
csv = csv .. row("sim-error-t-13", PLACES[1], "webex_meetings")               -- provisioning ends in `error`
  .. row("sim-partial-t-14", PLACES[1], "webex_calling webex_meetings")     -- provisioned_with_errors
  .. row("t-aq-15", "McMurdo,,,AQ,Antarctica/McMurdo", "webex_calling")      -- precheck refuses: 4004
local FILES = { ["customers.csv"] = csv }
local CREATED = 14 -- every row but the refused one

-- outcomes.csv as { [externalId] = { status = ..., action = ..., code = ... } }.
local function outcomes(r)
  local rows = {}
  for line in r.files["outcomes.csv"]:gmatch("[^\n]+") do
    local externalId, _, status, action, code = line:match("^([^,]*),([^,]*),([^,]*),([^,]*),([^,]*)")
    if externalId ~= "externalId" then rows[externalId] = { status = status, action = action, code = code } end
  end
  return rows
end

-- How many times each externalId was POSTed to customers.provision, from the simulator's log.
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

-- How many customers the simulator holds for each of our externalIds (the seed's are left out),
-- and how many externalIds that is.
local function stored(sim)
  local counts, n = {}, 0
  for _, customer in ipairs(sim.customers()) do
    local id = customer.externalId
    if not id:match("^seed%-") then
      if not counts[id] then n = n + 1 end
      counts[id] = (counts[id] or 0) + 1
    end
  end
  return counts, n
end

describe("bulk-onboard", function()
  it("creates every row, and reports the refusal and the failed provisioning as outcomes", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES })
    assert.equals(0, r.exit) -- a refusal or an `error` status is about the data: not a failed run
    local o = outcomes(r)
    for i = 1, 12 do
      assert.same({ status = "provisioned", action = "created", code = "" }, o[string.format("t-%02d", i)])
    end
    assert.same({ status = "error", action = "created", code = "7001" }, o["sim-error-t-13"])
    assert.same({ status = "provisioned_with_errors", action = "created", code = "2560" }, o["sim-partial-t-14"])
    assert.same({ status = "", action = "refused", code = "4004" }, o["t-aq-15"])
    -- What the simulator holds agrees: 14 new customers, none for the refused row.
    local counts, n = stored(sim)
    assert.equals(CREATED, n)
    assert.is_nil(counts["t-aq-15"])
  end)

  it("changes nothing when run a second time", function()
    local sim = wholesale.test.sim()
    local first = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES })
    local before = #sim.requests()
    -- state = first.state: the same simulator, journal and files, as a second run on the same
    -- machine would have.
    local again = wholesale.test.run("bulk-onboard.lua", { state = first.state, files = FILES })
    assert.equals(0, again.exit)
    for externalId, row in pairs(outcomes(again)) do
      assert.equals(externalId == "t-aq-15" and "refused" or "unchanged", row.action, externalId)
    end
    local requests = sim.requests() -- every request the simulator got, both runs
    for i = before + 1, #requests do
      local request = requests[i]
      assert.truthy(request.method == "GET" or request.operation == "customers.precheck",
        "the second run sent " .. request.method .. " " .. request.path)
    end
  end)

  it("marks a row failed on a 500, exits 1, and a second run finishes it", function()
    local sim = wholesale.test.sim()
    -- The next POST of a customer gets a 500: not retried (docs/api-client.md), so one row fails.
    sim.fail_next{ operation = "customers.provision", status = 500 }
    local r = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES })
    assert.equals(1, r.exit)
    assert.matches("1 row%(s%) failed", r.stderr)
    local failed
    for externalId, row in pairs(outcomes(r)) do
      if row.action == "failed" then
        assert.is_nil(failed, "a second failed row: " .. externalId)
        failed = externalId
        assert.equals("9000", row.code) -- the code sim.fail_next answers with
      end
    end
    assert.is_not_nil(failed, "expected one failed row")
    -- As the error message says: run again to retry it.
    local again = wholesale.test.run("bulk-onboard.lua", { state = r.state, files = FILES })
    assert.equals(0, again.exit)
    assert.same({ status = "provisioned", action = "created", code = "" }, outcomes(again)[failed])
  end)

  it("survives a storm of 429s", function()
    local sim = wholesale.test.sim()
    -- Five 429s (with Retry-After) on each step of customers.ensure: the client waits and retries.
    for _, operation in ipairs({ "customers.list", "customers.precheck", "customers.provision", "customers.get" }) do
      sim.fail_next{ operation = operation, status = 429, times = 5 }
    end
    local r = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES })
    assert.equals(0, r.exit)
    local limited = 0
    for _, request in ipairs(sim.requests()) do
      if request.status == 429 then limited = limited + 1 end
    end
    assert.equals(20, limited)
    local o = outcomes(r)
    assert.equals("created", o["t-01"].action)
    assert.equals("refused", o["t-aq-15"].action)
    -- A 429 is answered before any work is done, so the POSTs sent again made no second customer.
    local counts, n = stored(sim)
    assert.equals(CREATED, n)
    for externalId, count in pairs(counts) do assert.equals(1, count, externalId) end
  end)

  it("creates nothing twice when killed at any request and run again", function()
    local sim = wholesale.test.sim()
    -- kill_at stops the run, as a kill -9 would, once request N has reached the simulator (its
    -- answer never comes back). N is random: each --seed kills it somewhere else, from the first
    -- lookup to the last POSTs (a run of these 15 rows makes more than 70 requests).
    local at = math.random(1, 70)
    local first = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES, kill_at = { request = at } })
    assert.equals(137, first.exit, "killed at request " .. at)
    local again = wholesale.test.run("bulk-onboard.lua", { state = first.state, files = FILES })
    assert.equals(0, again.exit, "after a kill at request " .. at)
    -- Both runs talked to `sim`: its log holds every POST of the two.
    for externalId, count in pairs(creates(sim)) do
      assert.truthy(count <= 1, externalId .. " POSTed " .. count .. " times (killed at request " .. at .. ")")
    end
    local counts, n = stored(sim)
    assert.equals(CREATED, n, "customers the playbook made (killed at request " .. at .. ")")
    for externalId, count in pairs(counts) do assert.equals(1, count, externalId .. " stored") end
  end)

  it("sends nothing but GETs and prechecks in a dry run", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("bulk-onboard.lua", { sim = sim, files = FILES, dry_run = true })
    assert.equals(0, r.exit)
    -- The plan lists the 14 POSTs it would send; the AQ row is still refused by its precheck.
    assert.equals(CREATED, #r.plan.changes)
    assert.equals("customers.provision", r.plan.changes[1].operation)
    -- A dry run writes outcomes.csv.dry-run and leaves outcomes.csv as it was.
    assert.is_nil(r.files["outcomes.csv"])
    r.files["outcomes.csv"] = r.files["outcomes.csv.dry-run"]
    assert.equals("refused", outcomes(r)["t-aq-15"].action)
    for _, request in ipairs(sim.requests()) do
      assert.truthy(request.method == "GET" or request.operation == "customers.precheck",
        "a dry run sent " .. request.method .. " " .. request.path)
    end
    assert.is_nil(stored(sim)["t-01"])
  end)
end)
