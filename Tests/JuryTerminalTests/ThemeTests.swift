import Foundation
import JuryTestSupport
import Testing
@testable import JuryCanvas
@testable import JuryNCurses

@Suite("Themes")
struct ThemeTests {
    static let themesDirectory = Checkout.root.appending(path: "themes").path
    static let shipped = ["dark", "light", "high-contrast", "monochrome"]

    @Test("every shipped theme loads and defines every role", arguments: shipped)
    func shippedThemes(_ name: String) throws {
        let theme = try ThemeCatalog(directories: [Self.themesDirectory]).load(name)
        #expect(theme.name == name)
        #expect(theme.undefinedRoles.isEmpty)
        #expect(!theme.summary.isEmpty)
        for capability in ColorCapability.allCases {
            #expect(theme.resolved(for: capability).styles.count == StyleRole.allCases.count)
        }
    }

    @Test("the catalog lists the shipped themes")
    func catalog() {
        let names = ThemeCatalog(directories: [Self.themesDirectory]).availableNames()
        #expect(Set(Self.shipped).isSubset(of: names))
    }

    @Test("the built-in monochrome theme equals themes/monochrome.yaml")
    func builtin() throws {
        let file = try ThemeCatalog(directories: [Self.themesDirectory]).load("monochrome")
        #expect(file.styles == Theme.builtinMonochrome.styles)
        #expect(file.summary == Theme.builtinMonochrome.summary)
    }

    @Test("monochrome uses attributes only, and roles that matter differ")
    func monochrome() throws {
        let theme = try ThemeCatalog(directories: [Self.themesDirectory]).load("monochrome").resolved(for: .none)
        for role in StyleRole.allCases {
            #expect(theme[role].foreground == -1 && theme[role].background == -1)
        }
        #expect(theme[.selection] != theme[.normal])
        #expect(theme[.lowConfidence] != theme[.highConfidence])
        #expect(theme[.placeholder] != theme[.normal])
    }

    func error(_ yaml: String) -> ThemeError? {
        do {
            _ = try ThemeLoader.parse(yaml, file: "themes/broken.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown role names file, line and key")
    func unknownRole() throws {
        let e = try #require(error("name: x\nroles:\n  normal: {}\n  selecton: { fg: red }\n"))
        #expect(e.kind == .unknownRole)
        #expect(e.line == 4)
        #expect(e.key == "roles.selecton")
        #expect(e.description.hasPrefix("themes/broken.yaml:4:3: roles.selecton: unknown role \"selecton\""))
    }

    @Test("a bad colour names file, line and key")
    func badColor() throws {
        let e = try #require(error("roles:\n  normal: {}\n  title:\n    fg: 300\n"))
        #expect(e.kind == .badColor && e.line == 4 && e.key == "roles.title.fg")
        let named = try #require(error("roles:\n  title: { bg: purplish }\n"))
        #expect(named.kind == .badColor && named.line == 2 && named.key == "roles.title.bg")
    }

    @Test("a bad attribute names file, line and key")
    func badAttribute() throws {
        let e = try #require(error("roles:\n  title: { fg: red, attributes: [bold, blink] }\n"))
        #expect(e.kind == .badAttribute && e.line == 2 && e.key == "roles.title.attributes")
        #expect(e.message.contains("blink"))
    }

    @Test("unknown keys are errors, not silently ignored")
    func unknownKey() throws {
        let top = try #require(error("colours: {}\nroles: {}\n"))
        #expect(top.kind == .unknownKey && top.line == 1 && top.key == "colours")
        let inner = try #require(error("roles:\n  title: { foreground: red }\n"))
        #expect(inner.kind == .unknownKey && inner.key == "roles.title.foreground")
    }

    @Test("YAML syntax errors carry the position")
    func syntax() throws {
        let e = try #require(error("roles:\n  title: { fg: red\n  dim: {}\n"))
        #expect(e.kind == .syntax)
        #expect(e.line != nil)
        #expect(e.description.hasPrefix("themes/broken.yaml:"))
        let missing = try #require(error("name: x\n"))
        #expect(missing.kind == .missingKey && missing.key == "roles")
    }

    @Test("a role given twice is an error, not a silent override")
    func duplicateRole() throws {
        let e = try #require(error("roles:\n  title: { fg: red }\n  title: { fg: blue }\n"))
        #expect(e.kind == .syntax)
        #expect(e.line != nil)
        #expect(e.message.contains("title"))
    }

    @Test("colour forms: names, indices, hex, default")
    func colors() {
        #expect(ThemeLoader.color(named: "bright-blue") == .indexed(12))
        #expect(ThemeLoader.color(named: "Red") == .indexed(1))
        #expect(ThemeLoader.color(named: "244") == .indexed(244))
        #expect(ThemeLoader.color(named: "#ff0000") == .indexed(196))
        #expect(ThemeLoader.color(named: "default") == .terminalDefault)
        #expect(ThemeLoader.color(named: "256") == nil)
    }

    @Test("256 colours fall back to the nearest of 8")
    func fallback() {
        #expect(Palette.nearestBasic(to: 196) == 1)   // bright red -> red
        #expect(Palette.nearestBasic(to: 46) == 2)    // green
        #expect(Palette.nearestBasic(to: 21) == 4)    // blue
        #expect(Palette.nearestBasic(to: 231) == 7)   // white
        #expect(Palette.nearestBasic(to: 16) == 0)    // black
        #expect(Palette.nearestBasic(to: 9) == 1)
        let theme = Theme(name: "t", styles: [.title: RoleStyle(foreground: .indexed(203), background: .indexed(236), attributes: .bold)])
        let eight = theme.resolved(for: .eight)
        #expect(eight[.title] == ResolvedStyle(foreground: 1, background: 0, attributes: .bold))
        #expect(theme.resolved(for: .twoFiftySix)[.title].foreground == 203)
        #expect(theme.resolved(for: .none)[.title] == ResolvedStyle(attributes: .bold))
    }

    @Test("with 8 colours, dim grey text is the default colour dimmed, never yellow; the dark theme's dim role too")
    func greyWithEightColours() throws {
        let theme = Theme(name: "t", styles: [.dim: RoleStyle(foreground: .indexed(244)), .header: RoleStyle(foreground: .indexed(252))])
        #expect(Palette.nearestBasic(to: 244) == 3, "the nearest basic colour of middle grey is yellow")
        #expect(theme.resolved(for: .eight)[.dim] == ResolvedStyle(foreground: -1, background: -1, attributes: .dim))
        #expect(theme.resolved(for: .eight)[.header].foreground == 7)
        #expect(!Palette.isMiddleGrey(0) && !Palette.isMiddleGrey(7) && !Palette.isMiddleGrey(-1) && !Palette.isMiddleGrey(203))
    }

    @Test("the themes are built in: found with no theme directory at all, and equal to the files of themes/")
    func builtIn() throws {
        let nowhere = ThemeCatalog(directories: ["/nonexistent"])
        for name in ["dark", "light", "high-contrast", "monochrome"] {
            let file = try ThemeCatalog.loadFile(Self.themesDirectory + "/\(name).yaml")
            #expect(try nowhere.load(name).resolved(for: .twoFiftySix) == file.resolved(for: .twoFiftySix), "\(name)")
        }
        #expect(nowhere.availableNames() == ["dark", "high-contrast", "light", "monochrome"])
        let directories = ThemeCatalog.standardDirectories(environment: ["HOME": "/home/x"], executablePath: "/usr/bin/jury")
        #expect(Set(directories).count == directories.count, "each directory once: \(directories)")
    }

    @Test("8-colour fallback never leaves foreground equal to background")
    func contrast() {
        let theme = Theme(name: "t", styles: [.selection: RoleStyle(foreground: .indexed(231), background: .indexed(255))])
        let s = theme.resolved(for: .eight)[.selection]
        #expect(s.foreground != s.background)
    }

    @Test("NO_COLOR forces monochrome; empty NO_COLOR does not")
    func noColor() {
        let forced = ThemeSelection.choose(requested: "dark", environment: ["NO_COLOR": "1"], terminal: .twoFiftySix)
        #expect(forced.themeName == "monochrome" && forced.capability == .none && forced.note != nil)
        let empty = ThemeSelection.choose(requested: "light", environment: ["NO_COLOR": ""], terminal: .twoFiftySix)
        #expect(empty.themeName == "light" && empty.capability == .twoFiftySix)
        let plain = ThemeSelection.choose(requested: nil, environment: [:], terminal: .eight)
        #expect(plain.themeName == "dark" && plain.capability == .eight)
        let vt100 = ThemeSelection.choose(requested: nil, environment: [:], terminal: .none)
        #expect(vt100.themeName == "monochrome")
    }

    @Test("colour capability from the terminal's colour count")
    func capability() {
        #expect(ColorCapability(colorCount: 256) == .twoFiftySix)
        #expect(ColorCapability(colorCount: 88) == .eight)
        #expect(ColorCapability(colorCount: 8) == .eight)
        #expect(ColorCapability(colorCount: 0) == .none)
        #expect(ColorCapability(colorCount: -1) == .none)
    }

    @Test("a missing theme says where it looked")
    func notFound() throws {
        let error = try #require(throws: ThemeError.self) { try ThemeCatalog(directories: ["/nonexistent", "/also-missing"]).load("nope") }
        #expect(error == ThemeError(kind: .notFound, file: "nope", line: nil, column: nil, key: "",
                                    message: "no theme named \"nope\" (built in: dark, high-contrast, light, monochrome; "
                                        + "searched: /nonexistent, /also-missing)"))
    }
}
