-- Fixture specs that all pass: the simulator a spec controls, kill and resume.
describe("the spec simulator", function()
  it("answers fail_next, then works again", function()
    local sim = wholesale.test.sim()
    sim.fail_next{ operation = "customers.provision", status = 503, times = 2 }
    local r = wholesale.test.run("onboard.lua", { sim = sim })
    assert.equals(0, r.exit)
    local statuses = {}
    for _, request in ipairs(sim.requests()) do
      if request.operation == "customers.provision" then statuses[#statuses + 1] = request.status end
    end
    assert.same({ 503, 503, 202, 202 }, statuses)
  end)

  it("resumes a run killed at its third request without creating anything twice", function()
    local sim = wholesale.test.sim()
    local first = wholesale.test.run("onboard.lua", { sim = sim, kill_at = { request = 3 } })
    assert.equals(137, first.exit)
    assert.equals("", first.stdout)
    local again = wholesale.test.run("onboard.lua", { state = first.state })
    assert.equals(0, again.exit)
    local posts = {}
    for _, request in ipairs(sim.requests()) do
      if request.operation == "customers.provision" then
        posts[request.body.externalId] = (posts[request.body.externalId] or 0) + 1
      end
    end
    assert.same({ ["sp-one"] = 1, ["sp-two"] = 1 }, posts)
    assert.equals(1, #sim.customers{ externalId = "sp-one" })
  end)

  it("plans in a dry run and sends no change", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("onboard.lua", { sim = sim, dry_run = true })
    assert.equals(2, #r.plan.changes)
    for _, request in ipairs(sim.requests()) do
      assert.truthy(request.method == "GET" or request.operation == "customers.precheck", request.method .. " " .. request.path)
    end
  end)

  it("moves its clock on with advance", function()
    local sim = wholesale.test.sim(nil, { speed = 1 })
    wholesale.test.run("provision_only.lua", { sim = sim })
    assert.equals("provisioning", sim.customers{ externalId = "sp-later" }[1].status)
    sim.advance(3600)
    assert.equals("provisioned", sim.customers{ externalId = "sp-later" }[1].status)
  end)

  it("catches an error with has_error", function()
    assert.has_error(function() wholesale.fail("boom") end, "boom")
  end)
end)
