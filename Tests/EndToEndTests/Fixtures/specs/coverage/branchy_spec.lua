it("counts", function()
  local r = wholesale.test.run("branchy.lua")
  assert.equals("counted 2\n", r.stdout)
end)
