-- A run of a playbook that does not exist fails its test, naming the path.
it("runs a playbook that is not there", function()
  wholesale.test.run("nowhere.lua")
end)
