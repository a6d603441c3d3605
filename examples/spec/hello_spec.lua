-- How to test hello.lua: `wholesale test examples/spec/hello_spec.lua`.
-- hello.lua makes no API call, so the spec only looks at what it prints (r.stdout).

-- The lines r.stdout holds, as a list.
local function lines(r)
  local list = {}
  for line in r.stdout:gmatch("[^\n]+") do list[#list + 1] = line end
  return list
end

describe("hello", function()
  it("greets every name, in order, and prints a JSON summary", function()
    local r = wholesale.test.run("hello.lua")
    assert.equals(0, r.exit)
    local out = lines(r)
    assert.same({ "Hello, Ada!", "Hello, Grace!", "Hello, Linus!", "failures: 0" }, { out[1], out[2], out[3], out[4] })
    -- Decode the JSON line rather than compare its text: key order is not a promise.
    local summary = wholesale.json.decode(out[5])
    assert.equals(3, summary.count)
  end)

  it("takes the greeting from args (--var greeting=...)", function()
    local r = wholesale.test.run("hello.lua", { args = { greeting = "Hi" } })
    assert.equals(0, r.exit)
    assert.equals("Hi, Ada!", lines(r)[1])
  end)
end)
