import Testing
@testable import JuryCore
import JuryJSON

/// The Liquid subset worker templates use, evaluated against an InputContent.
@Suite struct LiquidTests {
    private static let input: JSONValue = [
        "taskObject": "Fish & <chips>", "labels": ["World", "Sports"], "score": 0.62, "count": 3, "flag": false,
        "pairs": [["text": "hola", "translation": "hello"], ["text": "adiós", "translation": "goodbye"]],
        "object": ["bucket": "acme", "name": "a b.jpg"],
    ]

    private func render(_ source: String) -> String {
        LiquidTemplate(parsing: source).render(["task": ["input": Self.input]])
    }

    @Test func outputsAreEscapedUnlessAFilterSaysOtherwise() {
        #expect(render("{{ task.input.taskObject }}") == "Fish &amp; &lt;chips&gt;")
        #expect(render("{{ task.input.taskObject | skip_autoescape }}") == "Fish & <chips>")
        #expect(render("{{ task.input.labels | to_json | escape }}") == "[&quot;World&quot;,&quot;Sports&quot;]")
        #expect(render("{{ task.input.labels | to_json | skip_autoescape }}") == #"["World","Sports"]"#)
    }

    @Test func pathsNumbersAndMissingValues() {
        #expect(render("{{ task.input.labels[1] }}/{{ task.input.pairs[0].text }}/{{ task.input['score'] }}") == "Sports/hola/0.62")
        #expect(render("{{ task.input.labels.size }} {{ task.input.labels.first }} {{ task.input.labels[-1] }}") == "2 World Sports")
        #expect(render("[{{ task.input.missing.deeper }}]{{ task.input.flag }}") == "[]false")
        #expect(render("{{ task.input.missing | default: 'none' }} {{ task.input.count | default: 9 }}") == "none 3")
        #expect(render("{{ task.input.object | grant_read_access | skip_autoescape }}") == #"{"bucket":"acme","name":"a b.jpg"}"#)
    }

    @Test func loopsCountWithForloopAndRestoreTheirVariable() {
        let source = "{% for pair in task.input.pairs %}{{ forloop.index }}:{{ pair.translation }}{% unless forloop.last %},{% endunless %}{% endfor %}[{{ pair }}]"
        #expect(render(source) == "1:hello,2:goodbye[]")
        #expect(render("{% for x in task.input.score %}never{% endfor %}done") == "done")
    }

    @Test func conditionsCompareAndJoinRightToLeft() {
        #expect(render("{% if task.input.score < 0.8 %}low{% else %}high{% endif %}") == "low")
        #expect(render("{% if task.input.flag %}a{% elsif task.input.count == 3 %}b{% else %}c{% endif %}") == "b")
        #expect(render("{% if task.input.labels contains 'World' and task.input.count > 5 or true %}yes{% endif %}") == "yes")
        #expect(render("{% if task.input.labels contains 'World' and task.input.count > 5 %}yes{% else %}no{% endif %}") == "no")
    }

    @Test func captureAssignCommentRawAndTrimming() {
        let source = """
            {% capture uri %}s3://{{ task.input.object.bucket }}/{{ task.input.object.name }}{% endcapture %}
            {%- assign first = task.input.labels[0] -%}
            {{ uri | grant_read_access }} {{ first }}{% comment %}{{ hidden }}{% endcomment %} {% raw %}{{ kept }}{% endraw %}
            """
        #expect(render(source) == "s3://acme/a b.jpg World {{ kept }}")
    }

    @Test func whatIsNotEvaluatedIsNamedOnce() {
        let template = LiquidTemplate(parsing: """
            {{ task.input.taskObject | upcase }}{% case x %}{% when 1 %}{% endcase %}{% for i in (1..3) %}{% endfor %}
            {{ task.input.taskObject | upcase }}{% if task.input.flag %}
            """)
        #expect(template.problems == [
            "the Liquid filter upcase is not supported; the value is shown without it",
            "the Liquid tag {% case %} is not supported", "the Liquid tag {% when %} is not supported",
            "a {% endcase %} tag without its opening tag",
            "the loop {% for i in (1..3) %} is not supported (only: for NAME in VARIABLE)",
            "a {% if %} tag is never closed with {% endif %}",
        ])
        #expect(template.render(["task": ["input": Self.input]]).hasPrefix("Fish &amp; &lt;chips&gt;"))
    }
}
