-- How to test retry-errors.lua: `wholesale test examples/retry-errors`.
-- The seed data (docs/simulator.md) has one customer in `error` for the partner (seed-error)
-- and one for the first active sub-partner (seed-subpartner-error); one test builds a world of
-- its own with a scenario table instead.

-- The fields of one CSV line: split at commas, except inside "quoted, text" ("" is a quote).
local function fields(line)
  local list, field, quoted = {}, "", false
  local i = 1
  while i <= #line do
    local c = line:sub(i, i)
    if quoted and c == '"' and line:sub(i + 1, i + 1) == '"' then field, i = field .. '"', i + 1
    elseif c == '"' then quoted = not quoted
    elseif c == "," and not quoted then list[#list + 1], field = field, ""
    else field = field .. c end
    i = i + 1
  end
  list[#list + 1] = field
  return list
end

-- The rows of a CSV text, each a table keyed by the header's names.
local function csv_rows(text)
  local rows, header = {}, nil
  for line in text:gmatch("[^\n]+") do
    local values = fields(line)
    if not header then header = values else
      local row = {}
      for i, name in ipairs(header) do row[name] = values[i] end
      rows[#rows + 1] = row
    end
  end
  return rows
end

-- retry-report.csv as { [externalId] = row }.
local function report(r)
  local rows = {}
  for _, row in ipairs(csv_rows(r.files["retry-report.csv"])) do rows[row.externalId] = row end
  return rows
end

describe("retry-errors", function()
  it("retries the customers in error, the partner's and the sub-partner's", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("retry-errors.lua", { sim = sim })
    assert.equals(0, r.exit)
    local rows = report(r)
    assert.equals("partner", rows["seed-error"].scope)
    assert.equals("error", rows["seed-error"].before)
    assert.equals("7001", rows["seed-error"].errorCode)
    assert.equals("provisioned", rows["seed-error"].after)
    assert.equals("provisioned", rows["seed-subpartner-error"].after)
    -- In the simulator: both provisioned again, with the packages they had.
    local partners = sim.customers{ externalId = "seed-error" }
    assert.equals("provisioned", partners[1].status)
    assert.same({ "webex_suite" }, partners[1].packages)
    local org = rows["seed-subpartner-error"].subPartnerOrgId -- the report names the sub-partner
    assert.equals("provisioned", sim.customers{ onBehalfOf = org, externalId = "seed-subpartner-error" }[1].status)
  end)

  it("skips suspended sub-partners, and counts a partial recovery as done", function()
    -- A world of the test's own: one active and one suspended sub-partner, each with a customer
    -- in error. sim-partial-... makes the retry end provisioned_with_errors (a trigger).
    local address = { addressLine1 = "1 Main St", city = "Springfield", country = "US" }
    local sim = wholesale.test.sim{
      scenario = 1,
      subPartners = {
        { orgId = "c3ViLWFjdGl2ZQ", name = "Active Reseller", provisioningState = "active", subscriptionId = "Sub1" },
        { orgId = "c3ViLXN1c3BlbmRlZA", name = "Suspended Reseller", provisioningState = "suspended", subscriptionId = "Sub2" },
      },
      customers = {
        { externalId = "re-plain", status = "error", packages = { "webex_meetings" }, address = address },
        { externalId = "sim-partial-re", owner = "c3ViLWFjdGl2ZQ", status = "error", packages = { "webex_calling" }, address = address },
        { externalId = "re-suspended", owner = "c3ViLXN1c3BlbmRlZA", status = "error", packages = { "webex_meetings" }, address = address },
      },
    }
    local r = wholesale.test.run("retry-errors.lua", { sim = sim })
    assert.equals(0, r.exit) -- provisioned_with_errors is not "still failing"
    local rows = report(r)
    assert.equals("provisioned", rows["re-plain"].after)
    assert.equals("provisioned_with_errors", rows["sim-partial-re"].after)
    assert.is_nil(rows["re-suspended"], "a suspended sub-partner's customer was retried")
    for _, request in ipairs(sim.requests()) do
      assert.truthy(request.query.onBehalfOfSubPartnerOrgId ~= "c3ViLXN1c3BlbmRlZA", "a request acted for the suspended sub-partner")
    end
    assert.equals("error", sim.customers{ onBehalfOf = "c3ViLXN1c3BlbmRlZA" }[1].status)
  end)

  it("exits 1 when a retry is refused, and still retries the others", function()
    local sim = wholesale.test.sim()
    -- One PUT answers 500 (not retried by the client). The retries run in parallel, so which
    -- customer gets it is not fixed: count the outcomes instead of naming them.
    sim.fail_next{ operation = "customers.update", status = 500 }
    local r = wholesale.test.run("retry-errors.lua", { sim = sim })
    assert.equals(1, r.exit)
    assert.matches("1 customer%(s%) still failing", r.stderr)
    local after = {}
    for _, row in pairs(report(r)) do
      after[row.after] = (after[row.after] or 0) + 1
      if row.after == "refused" then
        assert.matches("HTTP 500", row.message)
        assert.matches("^WHOLESALE_", row.trackingId) -- what to quote to Webex support
      end
    end
    assert.same({ refused = 1, provisioned = 1 }, after)
  end)

  it("changes nothing in a dry run", function()
    local sim = wholesale.test.sim()
    local r = wholesale.test.run("retry-errors.lua", { sim = sim, dry_run = true })
    assert.equals(0, r.exit)
    assert.equals(2, #r.plan.changes)
    assert.equals("customers.update", r.plan.changes[1].operation)
    for _, request in ipairs(sim.requests()) do
      assert.equals("GET", request.method, "a dry run sent " .. request.method .. " " .. request.path)
    end
    assert.equals("error", sim.customers{ externalId = "seed-error" }[1].status)
  end)
end)
