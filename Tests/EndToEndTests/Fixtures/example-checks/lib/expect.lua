-- Assertions for the example checks: each mismatch is logged and remembered, and done() fails
-- the run (exit 1) listing them all, so one run shows every difference at once.
local wholesale = require("wholesale")

local M = {}
local problems = {}

-- Records a problem unless `condition` holds; returns the condition.
function M.that(condition, message)
  if not condition then
    problems[#problems + 1] = message
    wholesale.log.error("mismatch", { problem = message })
  end
  return condition
end

function M.equal(actual, expected, what)
  return M.that(actual == expected, string.format("%s: expected %s, got %s", what, tostring(expected), tostring(actual)))
end

-- "a b" or {"a", "b"} -> "a b", sorted, so package lists compare as sets.
function M.package_text(packages)
  local list = {}
  if type(packages) == "string" then
    for name in packages:gmatch("[^%s;,]+") do list[#list + 1] = name end
  else
    for _, name in ipairs(packages or {}) do list[#list + 1] = name end
  end
  table.sort(list)
  return table.concat(list, " ")
end

function M.same_packages(actual, expected, what)
  return M.equal(M.package_text(actual), M.package_text(expected), what .. " packages")
end

-- Every customer with this externalId (in the scope of `api`, wholesale or on_behalf_of(...)).
function M.customers_named(api, externalId)
  return wholesale.collect(api.customers.list{ externalId = externalId })
end

-- The one customer with this externalId; a problem (and nil) unless there is exactly one.
function M.one_customer(api, externalId)
  local found = M.customers_named(api, externalId)
  if not M.equal(#found, 1, "number of customers " .. externalId) then return nil end
  return found[1]
end

-- A problem unless no customer has this externalId.
function M.no_customer(api, externalId)
  M.equal(#M.customers_named(api, externalId), 0, "number of customers " .. externalId)
end

-- The customer exists once with this status and these packages.
function M.customer(api, externalId, status, packages)
  local c = M.one_customer(api, externalId)
  if not c then return nil end
  M.equal(c.status, status, externalId .. " status")
  if packages then M.same_packages(c.packages, packages, externalId) end
  return c
end

-- Reads a CSV into a list, or records a problem when it cannot be read.
function M.read_csv(path)
  local ok, rows = wholesale.try(function() return wholesale.collect(wholesale.csv.read(path)) end)
  if not M.that(ok, "cannot read " .. path .. ": " .. tostring(rows)) then return {} end
  return rows
end

function M.count() return #problems end

-- Fails the run when anything did not match.
function M.done(name)
  if #problems > 0 then
    local shown = table.concat(problems, "; ", 1, math.min(#problems, 10))
    if #problems > 10 then shown = shown .. "; ... and " .. (#problems - 10) .. " more (see the log)" end
    wholesale.fail(name .. ": " .. #problems .. " mismatch(es): " .. shown)
  end
  wholesale.log.info(name .. ": every expectation holds")
end

return M
