local wholesale = require("wholesale")
total = 0

local function add(row)
  total = total + 1
  lastRow = row
  wholsale.log.info("added")
end

add({})
