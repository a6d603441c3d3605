describe("broken", function()
  it("never compiles", function()
    assert.equals(1,
  end)
end)
