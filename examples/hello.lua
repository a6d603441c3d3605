-- A first playbook: arguments, a module from the playbook's folder, parallel work, JSON.
local wholesale = require("wholesale")
local greet = require("lib.greet")

local names = { "Ada", "Grace", "Linus" }
local greetings, failures = wholesale.parallel(names, function(name)
  wholesale.sleep(0.01)
  return greet.hello(name, wholesale.args.greeting)
end, { concurrency = 2 })

for _, line in ipairs(greetings) do print(line) end
print("failures: " .. #failures)
print(wholesale.json.encode({ count = #greetings, empty = wholesale.array{}, none = wholesale.null }))
