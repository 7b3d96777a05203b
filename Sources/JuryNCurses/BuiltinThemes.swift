/// The themes of `themes/` built into the binary, so that `--theme NAME` works wherever `jury` runs
/// (a test keeps them equal to the files). A theme file of the same name in a searched directory
/// comes first.
enum BuiltinThemes {
    /// Theme file texts by name.
    static let files: [String: String] = [
        "dark": #"""
        # Jury theme: dark. Format: docs/themes.md.
        # Each role takes fg, bg (default, a colour name, 0-255 or #rrggbb) and attributes
        # (bold, underline, reverse, dim). Roles left out look like `normal`.
        name: dark
        description: "The default: 256 colours on a dark background."
        roles:
          normal:           { fg: default, bg: default }
          dim:              { fg: 244 }
          title:            { fg: 81, attributes: [bold] }
          header:           { fg: 252, bg: 237, attributes: [bold] }
          border:           { fg: 67 }
          selection:        { fg: 231, bg: 25, attributes: [bold] }
          focus:            { fg: 230, bg: 236 }
          cursor:           { attributes: [reverse] }
          keyHint:          { fg: 222, bg: 236, attributes: [bold] }
          statusBar:        { fg: 250, bg: 236 }
          lowConfidence:    { fg: 203, attributes: [bold] }
          mediumConfidence: { fg: 221 }
          highConfidence:   { fg: 114 }
          activationMarked: { fg: 213, attributes: [underline] }
          disagreement:     { fg: 209, attributes: [bold] }
          verdictApproved:  { fg: 114, attributes: [bold] }
          verdictEdited:    { fg: 221, attributes: [bold] }
          verdictMissing:   { fg: 203, attributes: [bold, underline] }
          warning:          { fg: 214, attributes: [bold] }
          error:            { fg: 231, bg: 160, attributes: [bold] }
          success:          { fg: 114 }
          barFilled:        { fg: 75 }
          barEmpty:         { fg: 239 }
          placeholder:      { fg: 16, bg: 215 }
          scrollIndicator:  { fg: 110 }
        """#,
        "high-contrast": #"""
        # Jury theme: high-contrast. Format: docs/themes.md.
        # Each role takes fg, bg (default, a colour name, 0-255 or #rrggbb) and attributes
        # (bold, underline, reverse, dim). Roles left out look like `normal`.
        name: high-contrast
        description: "The 16 basic colours, bold, on black; for low vision and bright rooms."
        roles:
          normal:           { fg: bright-white, bg: black }
          dim:              { fg: white, bg: black }
          title:            { fg: bright-yellow, bg: black, attributes: [bold] }
          header:           { fg: black, bg: bright-white, attributes: [bold] }
          border:           { fg: bright-white, bg: black }
          selection:        { fg: black, bg: bright-yellow, attributes: [bold] }
          focus:            { fg: bright-white, bg: black, attributes: [bold, underline] }
          cursor:           { attributes: [reverse] }
          keyHint:          { fg: black, bg: bright-cyan, attributes: [bold] }
          statusBar:        { fg: black, bg: bright-white }
          lowConfidence:    { fg: bright-red, bg: black, attributes: [bold, underline] }
          mediumConfidence: { fg: bright-yellow, bg: black, attributes: [bold] }
          highConfidence:   { fg: bright-green, bg: black, attributes: [bold] }
          activationMarked: { fg: bright-magenta, bg: black, attributes: [bold, underline] }
          disagreement:     { fg: bright-red, bg: black, attributes: [bold, reverse] }
          verdictApproved:  { fg: bright-green, bg: black, attributes: [bold] }
          verdictEdited:    { fg: bright-yellow, bg: black, attributes: [bold, underline] }
          verdictMissing:   { fg: bright-red, bg: black, attributes: [bold, reverse] }
          warning:          { fg: bright-yellow, bg: black, attributes: [bold, underline] }
          error:            { fg: bright-white, bg: red, attributes: [bold] }
          success:          { fg: bright-green, bg: black, attributes: [bold] }
          barFilled:        { fg: bright-white, bg: black }
          barEmpty:         { fg: white, bg: black }
          placeholder:      { fg: black, bg: bright-magenta, attributes: [bold] }
          scrollIndicator:  { fg: bright-cyan, bg: black, attributes: [bold] }
        """#,
        "light": #"""
        # Jury theme: light. Format: docs/themes.md.
        # Each role takes fg, bg (default, a colour name, 0-255 or #rrggbb) and attributes
        # (bold, underline, reverse, dim). Roles left out look like `normal`.
        name: light
        description: "256 colours on a light background."
        roles:
          normal:           { fg: default, bg: default }
          dim:              { fg: 244 }
          title:            { fg: 25, attributes: [bold] }
          header:           { fg: 235, bg: 252, attributes: [bold] }
          border:           { fg: 103 }
          selection:        { fg: 231, bg: 31, attributes: [bold] }
          focus:            { fg: 16, bg: 254 }
          cursor:           { attributes: [reverse] }
          keyHint:          { fg: 18, bg: 252, attributes: [bold] }
          statusBar:        { fg: 238, bg: 252 }
          lowConfidence:    { fg: 160, attributes: [bold] }
          mediumConfidence: { fg: 130 }
          highConfidence:   { fg: 28 }
          activationMarked: { fg: 127, attributes: [underline] }
          disagreement:     { fg: 166, attributes: [bold] }
          verdictApproved:  { fg: 28, attributes: [bold] }
          verdictEdited:    { fg: 130, attributes: [bold] }
          verdictMissing:   { fg: 160, attributes: [bold, underline] }
          warning:          { fg: 166, attributes: [bold] }
          error:            { fg: 231, bg: 160, attributes: [bold] }
          success:          { fg: 28 }
          barFilled:        { fg: 31 }
          barEmpty:         { fg: 250 }
          placeholder:      { fg: 231, bg: 130 }
          scrollIndicator:  { fg: 25 }
        """#,
        "monochrome": #"""
        # Jury theme: monochrome. Format: docs/themes.md.
        # Each role takes fg, bg (default, a colour name, 0-255 or #rrggbb) and attributes
        # (bold, underline, reverse, dim). Roles left out look like `normal`.
        name: monochrome
        description: "Attributes only: for NO_COLOR and terminals without colour."
        roles:
          normal:           { attributes: [] }
          dim:              { attributes: [dim] }
          title:            { attributes: [bold] }
          header:           { attributes: [bold] }
          border:           { attributes: [dim] }
          selection:        { attributes: [reverse] }
          focus:            { attributes: [underline] }
          cursor:           { attributes: [reverse] }
          keyHint:          { attributes: [bold] }
          statusBar:        { attributes: [reverse] }
          lowConfidence:    { attributes: [bold, underline] }
          mediumConfidence: {}
          highConfidence:   {}
          activationMarked: { attributes: [underline] }
          disagreement:     { attributes: [bold, underline] }
          verdictApproved:  {}
          verdictEdited:    { attributes: [underline] }
          verdictMissing:   { attributes: [bold, reverse] }
          warning:          { attributes: [bold, underline] }
          error:            { attributes: [bold, reverse] }
          success:          { attributes: [bold] }
          barFilled:        { attributes: [reverse] }
          barEmpty:         {}
          placeholder:      { attributes: [underline] }
          scrollIndicator:  { attributes: [dim] }
        """#,
    ]
}
