/// The Lua half of the runtime library, run once per VM. It receives host primitives and
/// returns the generic entries every module gets (`sleep`, `parallel`, `try`, `collect`, `null`,
/// `array`, `object`), and defines the global `require`.
enum RuntimePrelude {
    static let chunkName = "=wholesale runtime"

    static let source = #"""
local spawn, join, sleep, load_module, as_error, mark, modules, default_concurrency, null, library = ...
local pcall, error, type, tostring, select = pcall, error, type, tostring, select
local math_type, math_min, table_sort, table_pack, table_unpack = math.type, math.min, table.sort, table.pack, table.unpack

local runtime = { null = null, sleep = sleep }

local function check(cond, n, fname, msg)
  if not cond then error(("bad argument #%d to '%s.%s' (%s)"):format(n, library, fname, msg), 3) end
end

-- Runs fn(item, index) for every item, each in its own coroutine, at most `concurrency` at once.
function runtime.parallel(items, fn, opts)
  check(type(items) == "table", 1, "parallel", "table expected, got " .. type(items))
  check(type(fn) == "function", 2, "parallel", "function expected, got " .. type(fn))
  check(opts == nil or type(opts) == "table", 3, "parallel", "table expected, got " .. type(opts))
  local concurrency = opts and opts.concurrency or default_concurrency
  check(math_type(concurrency) == "integer" and concurrency >= 1, 3, "parallel",
    "concurrency must be a whole number of at least 1")
  local n = #items
  local results, failures = {}, {}
  local next_index = 0
  local function worker()
    while true do
      next_index = next_index + 1
      local i = next_index
      if i > n then return end
      local ok, result = pcall(fn, items[i], i)
      if ok then
        results[i] = result
      else
        failures[#failures + 1] = { index = i, item = items[i], error = result }
      end
    end
  end
  local tasks = {}
  for w = 1, math_min(concurrency, n) do tasks[w] = spawn(worker) end
  if #tasks > 0 then join(tasks) end
  table_sort(failures, function(a, b) return a.index < b.index end)
  return results, failures
end

-- pcall whose error is always a table with kind and message.
function runtime.try(fn, ...)
  local r = table_pack(pcall(fn, ...))
  if r[1] then return table_unpack(r, 1, r.n) end
  local err = r[2]
  if type(err) ~= "table" then err = as_error(tostring(err)) end
  return false, err
end

-- Drains an iterator into a list.
function runtime.collect(f, s, c)
  check(type(f) == "function", 1, "collect", "iterator function expected, got " .. type(f))
  local out, n = {}, 0
  for v in f, s, c do
    n = n + 1
    out[n] = v
  end
  return out
end

function runtime.array(t)
  check(t == nil or type(t) == "table", 1, "array", "table expected, got " .. type(t))
  return mark(t or {}, "array")
end

function runtime.object(t)
  check(t == nil or type(t) == "table", 1, "object", "table expected, got " .. type(t))
  return mark(t or {}, "object")
end

local loading = {}
function require(name)
  check(type(name) == "string", 1, "require", "string expected, got " .. type(name))
  local module = modules[name]
  if module ~= nil then return module end
  if loading[name] then
    error("require: module '" .. name .. "' requires itself, or failed while loading earlier", 2)
  end
  local chunk = load_module(name)
  loading[name] = true
  local result = chunk(name)
  loading[name] = nil
  if result == nil then result = true end
  modules[name] = result
  return result
end

return runtime
"""#
}
