/* CKEditor 4 in Indonesian: its "id" language pack leaves some words in English
 * ("Rich Text Editor", "Unlink", the link dialog). Loaded right after
 * ckeditor.js, this fills them in as the pack loads, and names each editor after
 * its field's label instead of "Rich Text Editor, id_intro".
 */
;(() => {
  "use strict"
  if (!window.CKEDITOR) return

  const INDONESIAN = {
    application: "Editor teks",
    editor: "Editor teks",
    editorPanel: "Panel editor teks",
    common: {
      optionDefault: "Bawaan",
    },
    basicstyles: {
      strike: "Coret",
      subscript: "Subskrip",
      superscript: "Superskrip",
    },
    link: {
      unlink: "Hapus tautan",
      info: "Info tautan",
      type: "Jenis tautan",
      displayText: "Teks yang ditampilkan",
      toUrl: "URL",
      toAnchor: "Tautan ke jangkar di teks",
      toEmail: "Email",
      toPhone: "Telepon",
      phoneNumber: "Nomor telepon",
      noTel: "Ketik nomor telepon",
      emailBody: "Isi pesan",
      selectAnchor: "Pilih jangkar",
      anchorName: "Menurut nama jangkar",
      anchorId: "Menurut id elemen",
      noAnchors: "(Tidak ada jangkar di teks ini)",
      download: "Paksa unduh",
      advanced: "Lanjutan",
      acccessKey: "Tombol akses",
      advisoryContentType: "Jenis konten",
      charset: "Set karakter sumber",
      tabIndex: "Urutan tab",
      anchor: {
        toolbar: "Jangkar",
        menu: "Ubah jangkar",
        title: "Properti jangkar",
        name: "Nama jangkar",
        errorName: "Ketik nama jangkar",
        errorWhitespace: "Nama jangkar tidak boleh memuat spasi",
        remove: "Hapus jangkar",
      },
    },
    clipboard: {
      cutError:
        "Pengaturan keamanan peramban Anda tidak mengizinkan editor memotong " +
        "otomatis. Gunakan papan ketik (Ctrl/Cmd+X).",
      pasteNotification:
        "Tekan %1 untuk menempel. Peramban Anda tidak mendukung menempel lewat " +
        "tombol atau menu konteks.",
      pasteMsg: "Tempel isi di kotak di bawah, lalu tekan OK.",
      fileFormatNotSupportedNotification: "Format berkas ${formats} tidak didukung.",
      fileWithoutFormatNotSupportedNotification: "Format berkas tidak didukung.",
    },
    fakeobjects: {
      anchor: "Jangkar",
    },
    widget: {
      label: "Widget %1",
    },
    elementspath: {
      eleLabel: "Jalur elemen",
      eleTitle: "Elemen %1",
    },
  }

  function fill(target, words) {
    for (const [key, value] of Object.entries(words)) {
      if (value && typeof value === "object") {
        target[key] = target[key] || {}
        fill(target[key], value)
      } else {
        target[key] = value
      }
    }
  }

  const load = CKEDITOR.lang.load
  CKEDITOR.lang.load = function (languageCode, defaultLanguage, callback) {
    return load.call(this, languageCode, defaultLanguage, (code, lang) => {
      if (code === "id") fill(lang, INDONESIAN)
      callback(code, lang)
    })
  }

  // The editor's name for screen readers and its tooltip: the field's label.
  CKEDITOR.on("instanceCreated", (event) => {
    const editor = event.editor
    editor.on("configLoaded", () => {
      const label = document.querySelector(`label[for="${CSS.escape(editor.name)}"]`)
      const text = label ? label.textContent.replace(/:\s*$/, "").trim() : ""
      if (text && editor.config.title === undefined) editor.config.title = text
    })
  })
})()
