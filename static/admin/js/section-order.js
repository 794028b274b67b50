/* Reorder an inline's forms by dragging or by keyboard, for inlines whose forms
 * have a "<prefix>-N-position" field (the article's sections).
 *
 * Each form's header gets a drag handle and "Naik"/"Turun" buttons; Alt+Arrow
 * Up/Down on any of them moves the form too. Forms move on the page, and every
 * form's position field is renumbered 1..n in the order shown, so the save
 * (ArticleAdmin.save_formset) keeps that order. The position fields are hidden
 * while the script runs; without it, they stay a typed number.
 *
 * Django's inlines.js renames the forms in page order when an unsaved form is
 * removed, which would give a moved saved section another form's number; so
 * before it does, the forms are put back in their numbering order, and shown in
 * the chosen order again right after.
 */
;(() => {
  "use strict"

  const FORM = ".inline-related:not(.empty-form)"

  function positionInput(form) {
    return form.querySelector("input[name$='-position']")
  }

  function forms(group) {
    return Array.from(group.querySelectorAll(FORM)).filter(positionInput)
  }

  function formIndex(form) {
    const match = /-(\d+)$/.exec(form.id)
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER
  }

  function wanted(form) {
    const value = Number.parseInt(positionInput(form).value, 10)
    return value > 0 ? value : Number.MAX_SAFE_INTEGER
  }

  // Put the forms in the given order on the page, before the blank template.
  function arrange(group, ordered) {
    if (!ordered.length) return
    const parent = ordered[0].parentNode
    const anchor = group.querySelector(".inline-related.empty-form")
    for (const form of ordered) parent.insertBefore(form, anchor)
  }

  function renumber(group) {
    forms(group).forEach((form, index) => {
      positionInput(form).value = String(index + 1)
      const label = form.querySelector(".inline_label")
      if (label && /#\d+/.test(label.textContent)) {
        label.textContent = label.textContent.replace(/#\d+/, `#${index + 1}`)
      }
    })
  }

  function announce(group, form) {
    const all = forms(group)
    group.querySelector(".section-order-status").textContent =
      `Bagian dipindah ke urutan ${all.indexOf(form) + 1} dari ${all.length}.`
  }

  function reordered(group) {
    renumber(group)
    group.dispatchEvent(new CustomEvent("sections:reordered", { bubbles: true }))
  }

  function move(group, form, step) {
    const all = forms(group)
    const index = all.indexOf(form)
    const target = all[index + step]
    if (!target) return false
    if (step < 0) target.parentNode.insertBefore(form, target)
    else target.parentNode.insertBefore(form, target.nextSibling)
    reordered(group)
    announce(group, form)
    return true
  }

  function button(text, className, title) {
    const element = document.createElement("button")
    element.type = "button"
    element.className = className
    element.textContent = text
    element.title = title
    element.setAttribute("aria-label", title)
    return element
  }

  function addControls(form) {
    const header = form.querySelector("h3")
    if (!header || header.querySelector(".section-order")) return
    const controls = document.createElement("span")
    controls.className = "section-order"
    // A span, not a button: browsers do not drag form controls.
    const handle = document.createElement("span")
    handle.className = "section-handle"
    handle.textContent = "⠿ Seret"
    handle.title = "Seret untuk memindah bagian ini, atau Alt+panah atas/bawah"
    handle.setAttribute("role", "button")
    handle.setAttribute("aria-label", "Pindahkan bagian ini: Alt+panah atas atau bawah")
    handle.tabIndex = 0
    handle.draggable = true
    controls.append(
      handle,
      button("▲ Naik", "section-up", "Pindahkan bagian ini ke atas"),
      button("▼ Turun", "section-down", "Pindahkan bagian ini ke bawah"),
    )
    header.querySelector(".inline_label").after(controls)
  }

  function setUp(group) {
    group.classList.add("section-order-js")
    const status = document.createElement("div")
    status.className = "section-order-status"
    status.setAttribute("role", "status")
    status.setAttribute("aria-live", "polite")
    group.prepend(status)
    for (const form of group.querySelectorAll(".inline-related")) addControls(form)

    // A form shown again after a refused save: show it in the order it asked for.
    const sorted = forms(group)
      .map((form, index) => [wanted(form), index, form])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map((item) => item[2])
    arrange(group, sorted)
    renumber(group)

    group.addEventListener("click", (event) => {
      const control = event.target.closest(".section-up, .section-down")
      if (!control) return
      const form = control.closest(FORM)
      if (!form) return
      move(group, form, control.classList.contains("section-up") ? -1 : 1)
      // Moving the form took the focus away from the button.
      control.focus()
    })

    group.addEventListener("keydown", (event) => {
      if (!event.altKey || !["ArrowUp", "ArrowDown"].includes(event.key)) return
      const control = event.target.closest(".section-order > *")
      const form = control && control.closest(FORM)
      if (!form) return
      event.preventDefault()
      move(group, form, event.key === "ArrowUp" ? -1 : 1)
      control.focus()
    })

    let dragged = null
    group.addEventListener("dragstart", (event) => {
      const handle = event.target.closest && event.target.closest(".section-handle")
      const form = handle && handle.closest(FORM)
      if (!form) return
      dragged = form
      form.classList.add("section-dragging")
      event.dataTransfer.effectAllowed = "move"
      event.dataTransfer.setData("text/plain", form.id)
      event.dataTransfer.setDragImage(form, 20, 20)
    })
    // Capture phase: the editors inside a form must not take the drop as text.
    group.addEventListener(
      "dragover",
      (event) => {
        if (!dragged) return
        event.preventDefault()
        event.stopPropagation()
        event.dataTransfer.dropEffect = "move"
        const over = event.target.closest && event.target.closest(FORM)
        if (!over || over === dragged || !forms(group).includes(over)) return
        const box = over.getBoundingClientRect()
        const before = event.clientY < box.top + box.height / 2
        over.parentNode.insertBefore(dragged, before ? over : over.nextSibling)
      },
      true,
    )
    group.addEventListener(
      "drop",
      (event) => {
        if (!dragged) return
        event.preventDefault()
        event.stopPropagation()
      },
      true,
    )
    group.addEventListener("dragend", () => {
      if (!dragged) return
      const form = dragged
      dragged = null
      form.classList.remove("section-dragging")
      reordered(group)
      announce(group, form)
    })
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const group of document.querySelectorAll(".js-inline-admin-formset")) {
      if (group.querySelector(`${FORM} input[name$='-position']`)) setUp(group)
    }
  })

  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest(".section-order-js")
    if (!group) return
    addControls(event.target)
    reordered(group)
  })

  // Before inlines.js renames the forms in page order (see above).
  document.addEventListener("formset:removed", () => {
    for (const group of document.querySelectorAll(".section-order-js")) {
      const shown = forms(group)
      arrange(group, [...shown].sort((a, b) => formIndex(a) - formIndex(b)))
      queueMicrotask(() => {
        arrange(group, shown.filter((form) => form.isConnected))
        reordered(group)
      })
    }
  })
})()
