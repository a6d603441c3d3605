local wholesale = require("wholesale")
wholesale.fail("3 customers could not be provisioned")
