import Foundation
@testable import PlaybookModule
import Testing

@Suite struct FileAccessTests {
    @Test func relativePathsResolveAgainstThePlaybookFolder() throws {
        let access = FileAccess(playbookDirectory: "/srv/books", allowedDirectories: ["/data/in"])
        #expect(try access.resolve("rows.csv", for: "f") == "/srv/books/rows.csv")
        #expect(try access.resolve("out/../rows.csv", for: "f") == "/srv/books/rows.csv")
        #expect(try access.resolve("/data/in/x.csv", for: "f") == "/data/in/x.csv")
    }

    @Test(arguments: ["../secret.csv", "/etc/passwd", "/srv/books-other/x", "/data/inside/x"])
    func pathsOutsideAreRefused(_ path: String) {
        let access = FileAccess(playbookDirectory: "/srv/books", allowedDirectories: ["/data/in"])
        let error = #expect(throws: (any Error).self) { try access.resolve(path, for: "wholesale.csv.read") }
        #expect("\(error!)".contains("is outside the playbook's folder"))
    }
}
