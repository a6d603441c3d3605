-- A match the C pattern matcher works on for longer than anyone waits: 30 lazy captures over
-- 30,000 characters with no "b" to find try every way of cutting the subject into 30 pieces,
-- and Lua's hook, which stops runs, is never reached meanwhile. Says so in --var ready first.
local subject, pattern = string.rep("a", 30000), string.rep("(.-)", 30) .. "b"
if wholesale.args.ready then wholesale.json.write(wholesale.args.ready, true) end
print(string.find(subject, pattern))
