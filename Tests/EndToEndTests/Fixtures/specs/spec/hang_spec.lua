-- A test that hangs is stopped by --timeout; the file's next test still runs (in a new VM,
-- where before_each counts from the start again).
describe("a hang", function()
  local runs = 0
  before_each(function() runs = runs + 1 end)

  it("hangs", function()
    while true do end
  end)

  it("still runs after the hang", function()
    assert.equals(1, runs)
  end)
end)
