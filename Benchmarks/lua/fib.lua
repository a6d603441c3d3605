-- CPU-bound: recursive calls. Prints its own CPU time in ms (os.clock), so process
-- start-up is not part of the figure.
local start = os.clock()
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
assert(fib(30) == 832040)
print((os.clock() - start) * 1000)
