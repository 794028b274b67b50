/* CKEditor 4 under the Content-Security-Policy, without 'unsafe-inline'.
 *
 * CKEditor 4 builds its toolbar, dialogs and menus as HTML strings with inline
 * event handlers such as onclick="CKEDITOR.tools.callFunction(12,this);return
 * false;", numbered per page. The site's policy refuses inline handlers, and the
 * browser reports each one as soon as it is parsed. So this script, loaded before
 * CKEditor on pages with a rich-text field, renames handler attributes inside the
 * tags of any HTML the page inserts (innerHTML, outerHTML, insertAdjacentHTML,
 * setAttribute) to data-csp-on…, and turns each into an ordinary event listener.
 * It never evaluates code: it recognises only CKEditor's own handler forms (a call
 * of CKEDITOR.tools.callFunction with numbers, strings, this, event or null; an
 * optional left-button check; "return false") and leaves anything else inert,
 * with a warning in the console. Text between tags is never touched. Links to
 * "javascript:void(0)", CKEditor's buttons, are not followed.
 */
;(() => {
  "use strict"

  const LEFT_BUTTON =
    "CKEDITOR.tools.getMouseButton(event)==CKEDITOR.MOUSE_BUTTON_LEFT"
  const CALL = /^CKEDITOR\.tools\.callFunction\(([\s\S]*)\)$/

  // Split on a separator outside single-quoted strings.
  function split(text, separator) {
    const parts = []
    let current = ""
    let quoted = false
    for (let i = 0; i < text.length; i++) {
      const c = text[i]
      if (quoted && c === "\\" && i + 1 < text.length) {
        current += c + text[i + 1]
        i++
        continue
      }
      if (c === "'") quoted = !quoted
      if (!quoted && c === separator) {
        parts.push(current)
        current = ""
        continue
      }
      current += c
    }
    if (quoted) return null
    parts.push(current)
    return parts
  }

  // One argument: a function of (element, event), or null when not understood.
  function argument(text) {
    const token = text.trim()
    if (/^-?\d+$/.test(token)) return () => Number(token)
    if (token === "this") return (element) => element
    if (token === "event") return (element, event) => event
    if (token === "null") return () => null
    const string = /^'((?:[^'\\]|\\.)*)'$/.exec(token)
    if (string) {
      const value = string[1].replace(/\\(.)/g, "$1")
      return () => value
    }
    return null
  }

  // One statement: { returns, run } or null when not understood.
  function statement(text) {
    let code = text.trim()
    let returns = false
    if (code === "") return { returns: false, run: () => undefined }
    if (code.startsWith("return ")) {
      returns = true
      code = code.slice(7).trim()
    }
    if (code === "false") return { returns, run: () => false }
    let leftOnly = false
    if (code.replace(/\s+/g, "").startsWith(LEFT_BUTTON + "&&")) {
      leftOnly = true
      code = code.slice(code.indexOf("&&") + 2).trim()
    }
    const call = CALL.exec(code)
    if (!call) return null
    const pieces = call[1].trim() === "" ? [] : split(call[1], ",")
    if (pieces === null) return null
    const args = pieces.map(argument)
    if (args.includes(null)) return null
    return {
      returns,
      run(element, event) {
        if (
          leftOnly &&
          CKEDITOR.tools.getMouseButton(event) !== CKEDITOR.MOUSE_BUTTON_LEFT
        ) {
          return false
        }
        const values = args.map((arg) => arg(element, event))
        return CKEDITOR.tools.callFunction(...values)
      },
    }
  }

  function handler(code) {
    const parts = split(code, ";")
    if (parts === null) return null
    const statements = parts.map(statement)
    if (statements.includes(null)) return null
    return function (event) {
      for (const step of statements) {
        const value = step.run(this, event)
        if (step.returns) {
          if (value === false) event.preventDefault()
          return
        }
      }
    }
  }

  const PREFIX = "data-csp-on"
  const TAG = /<[a-zA-Z][^>]*>/g
  const HANDLER_NAME = /(\s)on([a-z]+)(\s*=)/gi

  function defuse(html) {
    if (typeof html !== "string" || html.indexOf("on") === -1) return html
    return html.replace(TAG, (tag) => tag.replace(HANDLER_NAME, `$1${PREFIX}$2$3`))
  }

  function wrapSetter(prototype, property) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, property)
    Object.defineProperty(prototype, property, {
      ...descriptor,
      set(value) {
        descriptor.set.call(this, defuse(value))
      },
    })
  }

  wrapSetter(Element.prototype, "innerHTML")
  wrapSetter(Element.prototype, "outerHTML")
  const insertAdjacentHTML = Element.prototype.insertAdjacentHTML
  Element.prototype.insertAdjacentHTML = function (position, html) {
    return insertAdjacentHTML.call(this, position, defuse(html))
  }
  const setAttribute = Element.prototype.setAttribute
  Element.prototype.setAttribute = function (name, value) {
    const lower = String(name).toLowerCase()
    if (lower.startsWith("on") && lower.length > 2) {
      return setAttribute.call(this, PREFIX + lower.slice(2), value)
    }
    return setAttribute.call(this, name, value)
  }

  function convert(element) {
    for (const attribute of Array.from(element.attributes)) {
      if (!attribute.name.startsWith(PREFIX)) continue
      const listener = handler(attribute.value)
      if (listener === null) {
        console.warn("ckeditor-csp: handler not understood:", attribute.value)
        continue
      }
      element.removeAttribute(attribute.name)
      element.addEventListener(attribute.name.slice(PREFIX.length), listener)
    }
  }

  function convertTree(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return
    convert(root)
    for (const element of root.querySelectorAll("*")) convert(element)
  }

  // CKEditor's buttons are links to "javascript:void(0)" whose own listeners do
  // the work; following the link would be refused by the policy. Capture-phase,
  // so CKEditor's listeners still run.
  document.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest && event.target.closest("a[href]")
      if (link && /^\s*javascript:/i.test(link.getAttribute("href"))) {
        event.preventDefault()
      }
    },
    true,
  )

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") convert(record.target)
      else for (const node of record.addedNodes) convertTree(node)
    }
  }).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
  })
})()
