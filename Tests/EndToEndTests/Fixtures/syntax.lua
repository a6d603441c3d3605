local wholesale = require("wholesale")

if true then
  print("missing end")
