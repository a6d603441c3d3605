-- An assertion outside any test is a problem of the file.
assert.equals(1, 2)
