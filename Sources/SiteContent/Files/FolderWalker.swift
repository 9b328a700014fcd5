package import Foundation
import GazetteCore
package import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// Lists the regular files in a site folder, refusing symbolic links that lead out of the site.
package enum FolderWalker {
    /// Paths relative to `folder`, sorted, skipping hidden files and folders.
    /// - Parameters:
    ///   - folder: The folder to list; a missing folder has no files.
    ///   - siteFolder: Every file must resolve inside this folder.
    ///   - displayPrefix: How diagnostics name `folder` (`content`).
    package static func files(in folder: URL, siteFolder: URL, displayPrefix: String) throws(BuildFailure) -> [String] {
        var status = stat()
        guard stat(folder.path, &status) == 0 else {
            guard errno == ENOENT else { throw BuildFailure(.error(displayPrefix, FileReading.problem(errno: errno))) }
            return []
        }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw BuildFailure(.error(displayPrefix, "is a file, not a folder; \(displayPrefix)/ must be a folder"))
        }
        let siteRoot = siteFolder.resolvingSymlinksInPath().path + "/"
        guard (folder.resolvingSymlinksInPath().path + "/").hasPrefix(siteRoot) else {
            throw BuildFailure(
                .error(
                    displayPrefix,
                    "is a symbolic link to \(folder.resolvingSymlinksInPath().path), outside the site folder; move the folder into the site instead"
                ))
        }
        let root = folder.path
        var files: [String] = []
        var errors: [Diagnostic] = []
        var pending = [""]
        while let current = pending.popLast() {
            let entries: [FolderListing.Entry]
            do {
                entries = try FolderListing.entries(of: current.isEmpty ? root : root + "/" + current)
            } catch {
                throw BuildFailure(
                    .error(
                        "\(displayPrefix)/\(current)",
                        "cannot list the folder: \(String(cString: strerror(error.code.rawValue)).lowercased())"))
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let relative = current.isEmpty ? entry.name : "\(current)/\(entry.name)"
                guard entry.isUTF8 else {
                    errors.append(
                        .error("\(displayPrefix)/\(relative)", "has a name that is not valid UTF-8; rename it"))
                    continue
                }
                // Folders and regular files are known from the listing, where the file system
                // tells kinds. Only a symbolic link can lead out of the site (the folders walked
                // are inside it): it is followed with `stat`; anything else is looked at with `lstat`.
                var status = stat()
                if let kind = entry.kind, kind != S_IFLNK {
                    status.st_mode = kind
                } else if lstat(root + "/" + relative, &status) != 0 {
                    errors.append(.error("\(displayPrefix)/\(relative)", FileReading.problem(errno: errno)))
                    continue
                }
                if (status.st_mode & S_IFMT) == S_IFLNK {
                    let path = root + "/" + relative
                    let resolved = URL(filePath: path).resolvingSymlinksInPath().path
                    guard resolved.hasPrefix(siteRoot) else {
                        errors.append(
                            .error(
                                "\(displayPrefix)/\(relative)",
                                "is a symbolic link to \(resolved), outside the site folder; copy the file into the site instead"
                            ))
                        continue
                    }
                    guard stat(path, &status) == 0 else {
                        errors.append(.error("\(displayPrefix)/\(relative)", FileReading.problem(errno: errno)))
                        continue
                    }
                }
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    pending.append(relative)
                } else if let problem = FileReading.problem(mode: status.st_mode) {
                    errors.append(.error("\(displayPrefix)/\(relative)", problem + "; remove it from the site"))
                } else {
                    files.append(relative)
                }
            }
        }
        errors += canonicalDuplicates(files, displayPrefix: displayPrefix)
        guard errors.isEmpty else { throw BuildFailure(errors.sorted { $0.file < $1.file }) }
        return files.sorted()
    }

    /// Paths that differ in their bytes but are one name to Unicode (a name saved once in
    /// composed and once in decomposed form, as macOS and Linux tools do): Swift, URLs and
    /// readers treat them as the same, so they cannot both be published.
    private static func canonicalDuplicates(_ files: [String], displayPrefix: String) -> [Diagnostic] {
        // Two ASCII names are one name only when their bytes are the same, which a listing
        // never holds twice: a site of ASCII names needs no table.
        guard files.contains(where: { !$0.utf8.allSatisfy { $0 < 0x80 } }) else { return [] }
        var byName: [String: [String]] = [:]
        for file in files { byName[file, default: []].append(file) }
        return byName.values.filter { $0.count > 1 }.map { group in
            let sorted = group.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            return .error(
                "\(displayPrefix)/\(sorted[1])",
                "has the same name as \(displayPrefix)/\(sorted[0]) in Unicode (one is written in composed, the other in decomposed form); rename or remove one"
            )
        }
    }
}
