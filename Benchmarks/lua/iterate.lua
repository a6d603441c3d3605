-- Benchmark: iterate over every customer, a page of 100 at a time (memory stays flat because
-- the iterator fetches the next page only when the loop needs it). Prints the count.
local n = 0
for _ in wholesale.customers.list { max = 100 } do
  n = n + 1
end
print(n)
