-- A playbook with a branch the spec never takes.
local wholesale = require("wholesale")

local count = 0
for _, name in ipairs({ "a", "b" }) do
  count = count + 1
end

if wholesale.args.mode == "fallback" then
  -- the fallback nobody tests
  print("falling back")
  count = count - 1
end

print("counted " .. count)
