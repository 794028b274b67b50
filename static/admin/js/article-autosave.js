/* Autosave of an unpublished article's form (articles/autosave.py).
 *
 * Every few seconds, if the writer changed something, the form's text is posted
 * to the server: title, dateline, intro, SEO description and each section's id,
 * heading, body and delete box; CKEditor's fields through its API. Files are
 * never sent. It is posted once more when the page is hidden or closed, and not
 * while the form itself is being saved.
 *
 * When the server offers an earlier autosave (#autosave-offer), nothing is
 * autosaved until the writer picks "Pulihkan" (fill the form with it; nothing
 * is saved until they save) or "Buang" (delete it on the server). Restoring an
 * autosave typed on an older version puts that version back into the form's
 * opened_version, so the save meets the conflict check instead of overwriting.
 *
 * No inline code: the page's Content-Security-Policy allows none. The messages
 * come from the template's data-msg-* attributes, translated there.
 */
;(() => {
  "use strict"

  const TEXT_FIELDS = ["title", "dateline", "seo_description"]
  const RICH_FIELDS = ["intro"]

  function editor(id) {
    return window.CKEDITOR && window.CKEDITOR.instances[id]
  }

  function valueOf(id) {
    const instance = editor(id)
    if (instance) return instance.getData()
    const element = document.getElementById(id)
    return element ? element.value : ""
  }

  function setValue(id, value) {
    const element = document.getElementById(id)
    if (!element) return false
    element.value = value
    const instance = editor(id)
    if (instance) instance.setData(value)
    return true
  }

  function sectionIndexes() {
    const total = document.getElementById("id_sections-TOTAL_FORMS")
    const indexes = []
    const count = total ? Number(total.value) : 0
    for (let i = 0; i < count; i++) {
      if (document.getElementById(`id_sections-${i}-heading`)) indexes.push(i)
    }
    return indexes
  }

  function fieldValue(name) {
    const element = document.getElementById(`id_${name}`)
    return element ? element.value : ""
  }

  function snapshot(form) {
    const data = new FormData()
    const token = form.querySelector("input[name=csrfmiddlewaretoken]")
    data.append("csrfmiddlewaretoken", token ? token.value : "")
    for (const name of TEXT_FIELDS) data.append(name, fieldValue(name))
    for (const name of RICH_FIELDS) data.append(name, valueOf(`id_${name}`))
    data.append("opened_version", fieldValue("opened_version"))
    const indexes = sectionIndexes()
    indexes.forEach((i, n) => {
      const deleted = document.getElementById(`id_sections-${i}-DELETE`)
      data.append(`sections-${n}-id`, fieldValue(`sections-${i}-id`))
      data.append(`sections-${n}-heading`, fieldValue(`sections-${i}-heading`))
      data.append(`sections-${n}-body`, valueOf(`id_sections-${i}-body`))
      if (deleted && deleted.checked) data.append(`sections-${n}-delete`, "on")
    })
    data.append("sections-TOTAL_FORMS", String(indexes.length))
    data.append("sections-INITIAL_FORMS", "0")
    return data
  }

  function isEmptyNewSection(i) {
    return (
      !fieldValue(`sections-${i}-id`) &&
      !fieldValue(`sections-${i}-heading`) &&
      !valueOf(`id_sections-${i}-body`).trim()
    )
  }

  // A free inline form for a section the saved article does not have: an empty
  // extra form, or a new one from the inline's "add another" link.
  function freeSection(used) {
    for (const i of sectionIndexes()) {
      if (!used.has(i) && isEmptyNewSection(i)) return i
    }
    const before = sectionIndexes()
    const add = document.querySelector("#sections-group .add-row a")
    if (!add) return null
    add.click()
    const added = sectionIndexes().filter((i) => !before.includes(i))
    return added.length ? added[0] : null
  }

  function restore(data, baseVersion) {
    for (const name of TEXT_FIELDS) setValue(`id_${name}`, data[name] || "")
    for (const name of RICH_FIELDS) setValue(`id_${name}`, data[name] || "")
    const used = new Set()
    const byId = {}
    for (const i of sectionIndexes()) {
      const id = fieldValue(`sections-${i}-id`)
      if (id) byId[id] = i
    }
    for (const section of data.sections || []) {
      let i = section.id != null ? byId[String(section.id)] : undefined
      // A section deleted since (or a new one) goes into a free form: its text
      // is kept, never dropped.
      if (i === undefined) i = freeSection(used)
      if (i === null || i === undefined) continue
      used.add(i)
      setValue(`id_sections-${i}-heading`, section.heading || "")
      setValue(`id_sections-${i}-body`, section.body || "")
      const deleted = document.getElementById(`id_sections-${i}-DELETE`)
      if (deleted) deleted.checked = Boolean(section.delete)
    }
    if (baseVersion) setValue("id_opened_version", baseVersion)
  }

  function start() {
    const box = document.getElementById("autosave")
    const form = document.querySelector("form#article_form")
    if (!box || !form) return
    const status = document.getElementById("autosave-status")
    const offer = document.getElementById("autosave-offer")
    const seconds = Number(box.dataset.seconds) || 20
    let dirty = box.dataset.dirty === "1"
    let paused = Boolean(offer)
    let submitting = false
    let sending = false

    function say(text) {
      if (status) status.textContent = text
    }

    function markDirty() {
      dirty = true
    }

    // A signed-out session answers with a redirect to the login page: not
    // followed, and said as such, so the writer knows nothing was kept.
    function post(url, body, keepalive) {
      return fetch(url, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        redirect: "manual",
        keepalive,
      }).then((response) => {
        if (response.type === "opaqueredirect") {
          return { ok: false, json: { error: box.dataset.msgSession } }
        }
        return response
          .json()
          .catch(() => ({}))
          .then((json) => ({ ok: response.ok, json }))
      })
    }

    function save(keepalive) {
      if (!dirty || paused || submitting || sending) return
      dirty = false
      sending = true
      post(box.dataset.url, snapshot(form), keepalive)
        .then(({ ok, json }) => {
          if (ok) {
            say(json.message || "")
          } else {
            dirty = true
            say(json.error || box.dataset.msgFailed)
          }
        })
        .catch(() => {
          dirty = true
          say(box.dataset.msgOffline)
        })
        .finally(() => {
          sending = false
        })
    }

    form.addEventListener("input", markDirty)
    form.addEventListener("change", markDirty)
    form.addEventListener("submit", () => {
      submitting = true
    })
    if (window.CKEDITOR) {
      for (const name in window.CKEDITOR.instances) {
        window.CKEDITOR.instances[name].on("change", markDirty)
      }
      window.CKEDITOR.on("instanceCreated", (event) => {
        event.editor.on("change", markDirty)
      })
    }
    setInterval(() => save(false), seconds * 1000)
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") save(true)
    })
    window.addEventListener("pagehide", () => save(true))

    if (!offer) return
    const restoreButton = offer.querySelector("[data-autosave-restore]")
    const discardButton = offer.querySelector("[data-autosave-discard]")
    restoreButton.addEventListener("click", () => {
      const source = document.getElementById("autosave-data")
      restore(JSON.parse(source.textContent), box.dataset.baseVersion)
      offer.remove()
      paused = false
      dirty = true
      say(box.dataset.msgRestored)
    })
    discardButton.addEventListener("click", () => {
      const body = new FormData()
      body.append(
        "csrfmiddlewaretoken",
        form.querySelector("input[name=csrfmiddlewaretoken]").value,
      )
      discardButton.disabled = true
      post(box.dataset.discardUrl, body, false)
        .then(({ ok, json }) => {
          if (!ok) throw new Error(json.error)
          offer.remove()
          paused = false
          say(json.message || "")
        })
        .catch(() => {
          discardButton.disabled = false
          say(box.dataset.msgDiscardFailed)
        })
    })
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start)
  } else {
    start()
  }
})()
