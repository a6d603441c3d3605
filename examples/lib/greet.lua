local M = {}

function M.hello(name, greeting)
  return (greeting or "Hello") .. ", " .. name .. "!"
end

return M
