/// The spec API in Lua, after busted's names: `describe`, `it`, `pending`, `before_each`,
/// `after_each`, `setup`, `teardown` and `assert`, plus the hidden entry points the runner
/// calls (`wholesale.test._list`, `_run`, `_finish`) and the `sim` handle's methods.
enum SpecGlue {
    static let source = #"""
local wholesale = ...
local test = wholesale.test
local type, tostring, pairs, ipairs, error, pcall, select = type, tostring, pairs, ipairs, error, pcall, select
local concat, insert, sort, format = table.concat, table.insert, table.sort, string.format
local math_type, rep = math.type, string.rep

-- The tree of blocks and tests the spec file declares.
local root = { name = nil, children = {}, before = {}, after = {}, setup = {}, teardown = {} }
local current = root
local tests = {}
local running = false

local function full_name(block, name)
  local parts = {}
  local b = block
  while b do
    if b.name then insert(parts, 1, b.name) end
    b = b.parent
  end
  insert(parts, name)
  return concat(parts, " ")
end

local function declare(kind)
  return function(fn)
    if running then error(kind .. " must be called in a describe block, not in a test", 2) end
    if type(fn) ~= "function" then error(kind .. " takes a function", 2) end
    insert(current[kind], fn)
  end
end

function describe(name, fn)
  if running then error("describe cannot be called inside a test", 2) end
  if type(name) ~= "string" or type(fn) ~= "function" then error("describe takes a name and a function", 2) end
  local block = { name = name, parent = current, children = {}, before = {}, after = {}, setup = {}, teardown = {} }
  insert(current.children, block)
  local outer = current
  current = block
  fn()
  current = outer
end

function it(name, fn)
  if running then error("it cannot be called inside a test", 2) end
  if type(name) ~= "string" then error("it takes a name and a function", 2) end
  insert(tests, { name = full_name(current, name), block = current, fn = fn, pending = fn == nil })
end

function pending(name)
  if running then return end
  insert(tests, { name = full_name(current, tostring(name)), block = current, pending = true })
end

before_each, after_each = declare("before"), declare("after")
setup, teardown = declare("setup"), declare("teardown")

-- Values as a message shows them.
local function show(v, depth)
  depth = depth or 0
  if type(v) == "string" then return format("%q", v) end
  if type(v) ~= "table" then return tostring(v) end
  if depth > 2 then return "{...}" end
  local keys = {}
  for k in pairs(v) do insert(keys, k) end
  sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts, n = {}, #v
  for _, k in ipairs(keys) do
    if #parts >= 8 then insert(parts, "..."); break end
    if math_type(k) == "integer" and k >= 1 and k <= n then
      insert(parts, show(v[k], depth + 1))
    else
      insert(parts, tostring(k) .. " = " .. show(v[k], depth + 1))
    end
  end
  return "{ " .. concat(parts, ", ") .. " }"
end

local function path_of(base, key)
  if math_type(key) == "integer" then return base .. "[" .. key .. "]" end
  if type(key) == "string" and key:match("^[%a_][%w_]*$") then return base == "" and key or base .. "." .. key end
  return base .. "[" .. show(key) .. "]"
end

-- Where `expected` and `actual` first differ: the path and the two values there, or nil.
local function differ(expected, actual, path)
  if type(expected) ~= "table" or type(actual) ~= "table" then
    if expected == actual then return nil end
    if type(expected) == "number" and type(actual) == "number" and expected == actual then return nil end
    return path, expected, actual
  end
  if expected == actual then return nil end
  local keys, seen = {}, {}
  for k in pairs(expected) do insert(keys, k); seen[k] = true end
  for k in pairs(actual) do if not seen[k] then insert(keys, k) end end
  sort(keys, function(a, b)
    if math_type(a) == "integer" and math_type(b) == "integer" then return a < b end
    return tostring(a) < tostring(b)
  end)
  for _, k in ipairs(keys) do
    local p, e, a = differ(expected[k], actual[k], path_of(path, k))
    if p then return p, e, a end
  end
  return nil
end

local failed_assertion = false
local function fail(message, level)
  failed_assertion = true
  error(message, (level or 2) + 1)
end

local checks = {}
function checks.equals(expected, actual, message)
  if expected ~= actual then
    fail((message and message .. ": " or "") .. "expected " .. show(expected) .. ", got " .. show(actual), 2)
  end
end
function checks.same(expected, actual, message)
  local p, e, a = differ(expected, actual, "")
  if p then
    local where = p == "" and "" or p .. ": "
    fail((message and message .. ": " or "") .. where .. "expected " .. show(e) .. ", got " .. show(a), 2)
  end
end
function checks.is_true(v, message) if v ~= true then fail((message or "expected true") .. ", got " .. show(v), 2) end end
function checks.is_false(v, message) if v ~= false then fail((message or "expected false") .. ", got " .. show(v), 2) end end
function checks.is_nil(v, message) if v ~= nil then fail((message or "expected nil") .. ", got " .. show(v), 2) end end
function checks.is_not_nil(v, message) if v == nil then fail(message or "expected a value, got nil", 2) end end
function checks.truthy(v, message) if not v then fail((message or "expected a truthy value") .. ", got " .. show(v), 2) end end
function checks.falsy(v, message) if v then fail((message or "expected a falsy value") .. ", got " .. show(v), 2) end end
function checks.matches(pattern, actual, message)
  if type(actual) ~= "string" or not actual:find(pattern) then
    fail((message and message .. ": " or "") .. "expected a string matching " .. show(pattern) .. ", got " .. show(actual), 2)
  end
end
function checks.has_error(fn, expected, message)
  if type(fn) ~= "function" then fail("assert.has_error takes a function", 2) end
  local ok, err = pcall(fn)
  if ok then fail(message or "expected an error, got none", 2) end
  if expected == nil then return end
  local text = type(err) == "table" and (err.message or tostring(err)) or tostring(err)
  local bare = type(err) == "string" and err:gsub("^[^:]*:%d+: ", "") or text
  if text ~= expected and bare ~= expected and tostring(err) ~= expected then
    fail((message and message .. ": " or "") .. "expected the error " .. show(expected) .. ", got " .. show(bare), 2)
  end
end
checks.equal, checks.are_equal, checks.are_same = checks.equals, checks.equals, checks.same
checks.error, checks.has_errors = checks.has_error, checks.has_error

local function guarded(name, check)
  return function(...)
    if not running then error("assert." .. name .. " must be called inside a test (it)", 2) end
    return check(...)
  end
end
local assertions = {}
for name, check in pairs(checks) do assertions[name] = guarded(name, check) end
-- busted's assert.are.equal / assert.is.truthy spellings.
assertions.are, assertions.is = assertions, assertions
assert = setmetatable(assertions, {
  __call = function(_, v, message, ...)
    if not v then
      if running then fail(message or "assertion failed!", 2) end
      error(message or "assertion failed!", 2)
    end
    return v, message, ...
  end,
})

-- The runner's entry points.
function test._list()
  local list = {}
  for i, t in ipairs(tests) do list[i] = { name = t.name, pending = t.pending } end
  return list
end

local set_up = {}
local function run_setup(block)
  if not block or set_up[block] then return end
  run_setup(block.parent)
  set_up[block] = true
  for _, fn in ipairs(block.setup) do fn() end
end

local function chain(block, key, reversed)
  local list = {}
  local b = block
  while b do
    for i = #b[key], 1, -1 do insert(list, 1, b[key][i]) end
    b = b.parent
  end
  if reversed then
    local r = {}
    for i = #list, 1, -1 do insert(r, list[i]) end
    return r
  end
  return list
end

local function message_of(err)
  if type(err) == "table" then return tostring(err) end
  return tostring(err)
end

-- Runs test `i`: "passed", "failed" (an assertion) or "error" (anything else), and the message.
function test._run(i, seed)
  local t = tests[i]
  math.randomseed(seed)
  running = true
  failed_assertion = false
  local ok, err = pcall(function()
    run_setup(t.block)
    for _, fn in ipairs(chain(t.block, "before")) do fn() end
    t.fn()
  end)
  local status, message = "passed", nil
  if not ok then
    status, message = failed_assertion and "failed" or "error", message_of(err)
  end
  for _, fn in ipairs(chain(t.block, "after", true)) do
    local after_ok, after_err = pcall(fn)
    if not after_ok and status == "passed" then status, message = "error", "after_each: " .. message_of(after_err) end
  end
  running = false
  return status, message
end

-- Runs the teardowns of the blocks set up in this VM, innermost first.
function test._finish()
  local blocks = {}
  for block in pairs(set_up) do insert(blocks, block) end
  sort(blocks, function(a, b)
    local da, db = 0, 0
    local x = a while x do da = da + 1 x = x.parent end
    x = b while x do db = db + 1 x = x.parent end
    return da > db
  end)
  local problems = {}
  for _, block in ipairs(blocks) do
    for _, fn in ipairs(block.teardown) do
      local ok, err = pcall(fn)
      if not ok then insert(problems, message_of(err)) end
    end
  end
  return #problems > 0 and concat(problems, "\n") or nil
end

-- A run's options pass a simulator as its handle only (its methods are not JSON).
local run = test.run
function test.run(path, opts)
  if type(opts) == "table" and type(opts.sim) == "table" then
    local copy = {}
    for k, v in pairs(opts) do copy[k] = v end
    copy.sim = { _sim = opts.sim._sim }
    opts = copy
  end
  -- An error names the spec's line that called run, as an assertion's does.
  local results = table.pack(pcall(run, path, opts))
  if not results[1] then error(tostring(results[2]), 2) end
  return table.unpack(results, 2, results.n)
end

-- The simulator handle of a spec.
local sim_methods = {}
for _, name in ipairs({ "customers", "subscribers", "requests", "advance", "fail_next" }) do
  local host = test["_sim_" .. name]
  test["_sim_" .. name] = nil
  sim_methods[name] = function(self, ...)
    if type(self) ~= "table" or not self._sim then error("call it as sim." .. name .. "(...) on a simulator from wholesale.test.sim", 2) end
    return host(self._sim, ...)
  end
end
local new_sim = test._sim_new
test._sim_new = nil
function test.sim(scenario, opts)
  local sim = { _sim = new_sim(scenario, opts) }
  for name, method in pairs(sim_methods) do
    sim[name] = function(...)
      local first = ...
      if first == sim then return method(sim, select(2, ...)) end
      return method(sim, ...)
    end
  end
  return sim
end
"""#
}
