"""Original Indonesian demo content for `manage.py seed_demo`."""

from __future__ import annotations

CATEGORIES = [
    {
        "slug": "gaya-hidup",
        "name": "Gaya Hidup",
        "description": (
            "Kebiasaan sehari-hari, relasi, kesehatan mental, dan cara menjalani hidup "
            "yang lebih seimbang."
        ),
    },
    {
        "slug": "pendidikan",
        "name": "Pendidikan",
        "description": (
            "Kabar dan panduan seputar sekolah, kampus, literasi, dan semangat belajar "
            "sepanjang hayat."
        ),
    },
    {
        "slug": "bisnis",
        "name": "Bisnis",
        "description": (
            "Cerita dan kiat usaha, dari UMKM rumahan hingga pengelolaan keuangan yang "
            "lebih rapi."
        ),
    },
    {
        "slug": "teknologi",
        "name": "Teknologi",
        "description": (
            "Panduan praktis memakai gawai, internet, dan layanan digital secara aman "
            "dan bijak."
        ),
    },
    {
        "slug": "wisata",
        "name": "Wisata",
        "description": (
            "Jelajah destinasi, kuliner, dan ruang publik di Malang Raya dan "
            "sekitarnya."
        ),
    },
]

AUTHORS = [
    {
        "slug": "rahmi-kusumawardani",
        "name": "Rahmi Kusumawardani",
        # The demo account (seed_demo's ROLE_USERS) whose byline this is.
        "username": "editor",
        "bio": (
            "Redaktur rubrik Gaya Hidup. Senang menulis tentang relasi, kebiasaan "
            "kecil, dan kesehatan mental, terutama dari sudut pandang pekerja muda di "
            "kota."
        ),
    },
    {
        "slug": "nindya-puspitasari",
        "name": "Nindya Puspitasari",
        "username": "penulis",
        "bio": (
            "Menulis isu pendidikan dan keluarga. Pernah mengajar di sekolah dasar "
            "sebelum bergabung dengan redaksi, dan masih aktif di sebuah taman bacaan "
            "di Malang."
        ),
    },
    {
        "slug": "bagas-prasetyo",
        "name": "Bagas Prasetyo",
        "bio": (
            "Meliput teknologi dan usaha kecil. Tertarik pada cara warga biasa memakai "
            "alat digital untuk bekerja, berjualan, dan belajar."
        ),
    },
    {
        "slug": "arif-wicaksono",
        "name": "Arif Wicaksono",
        "bio": (
            "Penulis perjalanan dan kuliner yang lahir di Batu. Lebih suka menjelajah "
            "dengan sepeda motor tua dan berbincang dengan pedagang di pasar pagi."
        ),
    },
]

ARTICLES = [
    {
        "slug": "mengapa-hobi-bersama-membuat-persahabatan-lebih-awet",
        "title": "Mengapa Hobi Bersama Membuat Persahabatan Lebih Awet",
        "category": "gaya-hidup",
        "author": "rahmi-kusumawardani",
        "tags": ["persahabatan", "hobi", "koneksi sosial", "kesehatan mental"],
        "is_featured": True,
        "hours_ago": 3,
        "seo_description": (
            "Hobi yang dijalani bersama memberi alasan rutin untuk bertemu, bahan "
            "obrolan baru, dan rasa saling memiliki. Begini cara memulainya."
        ),
        "intro": (
            "<p>Banyak persahabatan tidak berakhir karena pertengkaran, melainkan "
            "karena pelan-pelan kehabisan alasan untuk bertemu. Jadwal kerja yang "
            "padat, pindah kota, atau sekadar rasa sungkan membuat pesan singkat makin "
            "jarang berbalas, hingga suatu hari kita sadar sudah berbulan-bulan tidak "
            "saling menanyakan kabar.</p><p>Di tengah pola seperti itu, hobi yang "
            "dijalani bersama kerap menjadi perekat yang tidak disadari. Bersepeda "
            "setiap Minggu pagi, bergabung di klub buku, atau berkebun di lahan kosong "
            "kompleks memberi sahabat sebuah kegiatan yang ditunggu, bukan sekadar "
            "janji temu yang mudah dibatalkan. Berikut beberapa alasan mengapa cara "
            "ini berhasil, dan bagaimana memulainya.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi sekelompok sahabat duduk melingkar sambil merajut dan "
                "bercengkerama di teras rumah"
            ),
            "caption": (
                "Kegiatan sederhana yang dilakukan rutin bisa menjadi alasan untuk "
                "terus bertemu."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (232, 142, 94),
        },
        "sections": [
            {
                "heading": "Memberi Alasan Rutin untuk Bertemu",
                "is_numbered": True,
                "body": (
                    "<p>Pertemanan orang dewasa jarang tumbuh dari pertemuan yang "
                    "serba kebetulan. Ia butuh frekuensi: bertemu cukup sering sampai "
                    "kehadiran satu sama lain terasa wajar. Hobi bersama menyediakan "
                    "frekuensi itu tanpa perlu direncanakan ulang setiap "
                    "kali.</p><p>Ketika ada jadwal tetap, misalnya latihan bulu "
                    "tangkis setiap Rabu malam, tidak ada lagi pertanyaan “kapan kita "
                    "ketemu lagi?”. Pertemuan sudah terjadi dengan sendirinya, dan "
                    "yang tersisa hanyalah datang. Kebiasaan sederhana ini sering kali "
                    "lebih menentukan awet tidaknya sebuah persahabatan dibanding "
                    "momen-momen besar yang jarang terjadi.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Obrolan Tidak Lagi Bergantung pada Kabar Besar",
                "is_numbered": True,
                "body": (
                    "<p>Salah satu hal yang membuat orang enggan menghubungi teman "
                    "lama adalah perasaan tidak punya cerita penting untuk dibagikan. "
                    "Seolah-olah kita baru pantas menyapa ketika ada kabar besar: "
                    "pekerjaan baru, pernikahan, atau kepindahan.</p><p>Hobi bersama "
                    "menghapus beban itu. Obrolan bisa dimulai dari hal kecil, seperti "
                    "bibit cabai yang akhirnya berbuah, rute lari yang baru ditemukan, "
                    "atau bab novel yang membuat penasaran. Percakapan ringan semacam "
                    "ini justru menjadi jalan masuk ke cerita yang lebih pribadi, "
                    "karena suasananya sudah cair lebih dulu.</p><p>Bagi orang yang "
                    "cenderung pendiam, kegiatan bersama juga mengurangi tekanan untuk "
                    "terus berbicara. Duduk berdampingan sambil merajut atau memancing "
                    "tetap terasa akrab meski diisi jeda panjang tanpa kata.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Tumbuh Bersama Lewat Tantangan Kecil",
                "is_numbered": True,
                "body": (
                    "<p>Hobi hampir selalu mengandung tantangan: tanjakan yang belum "
                    "bisa ditaklukkan, resep yang gagal berkali-kali, atau lagu yang "
                    "sulit dimainkan. Menghadapi kesulitan kecil semacam ini "
                    "bersama-sama menciptakan pengalaman yang hanya dimiliki oleh "
                    "kelompok itu.</p><p>Kenangan bersama tersebut kelak menjadi bahan "
                    "cerita yang terus diulang, semacam bahasa rahasia di antara "
                    "sahabat. Rasa bangga ketika akhirnya berhasil, atau tawa ketika "
                    "gagal, memperkuat perasaan bahwa kita adalah bagian dari "
                    "sesuatu.</p><p>Yang perlu dijaga adalah suasana saling mendukung. "
                    "Hobi yang berubah menjadi ajang pamer kemampuan justru bisa "
                    "membuat sebagian anggota merasa tertinggal dan perlahan "
                    "menjauh.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi tiga sahabat bersepeda beriringan di jalan menanjak "
                        "berlatar perbukitan hijau"
                    ),
                    "caption": (
                        "Tantangan kecil yang dihadapi bersama kerap menjadi kenangan "
                        "yang paling sering diceritakan ulang."
                    ),
                    "source": "dokumentasi Wayah Sinau",
                    "color": (111, 163, 132),
                },
            },
            {
                "heading": "Cara Memulai Hobi Bersama Sahabat",
                "is_numbered": True,
                "body": (
                    "<p>Memulai tidak harus rumit atau mahal. Kuncinya adalah memilih "
                    "kegiatan yang cukup menarik bagi semua orang dan cukup ringan "
                    "untuk dilakukan secara rutin. Beberapa langkah berikut bisa "
                    "menjadi pegangan.</p><ul><li><strong>Mulai dari yang sudah "
                    "disukai.</strong> Tanyakan kegiatan apa yang diam-diam ingin "
                    "dicoba atau dulu pernah dinikmati bersama, lalu jadikan itu titik "
                    "awal.</li><li><strong>Tetapkan jadwal yang realistis.</strong> "
                    "Sebulan sekali yang konsisten jauh lebih baik daripada setiap "
                    "minggu tetapi sering batal.</li><li><strong>Jaga biaya tetap "
                    "terjangkau.</strong> Pilih kegiatan yang tidak membebani siapa "
                    "pun, seperti jalan pagi, bertukar buku, atau memasak "
                    "bergiliran.</li><li><strong>Dengarkan dengan sungguh.</strong> "
                    "Hobi hanyalah wadah; yang membuat persahabatan awet adalah "
                    "perhatian ketika teman bercerita di sela "
                    "kegiatan.</li></ul><p>Jika satu kegiatan ternyata tidak cocok, "
                    "tidak apa-apa berganti. Yang dipertahankan bukan hobinya, "
                    "melainkan kebiasaan untuk terus meluangkan waktu bersama.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Bukan Soal Kegiatannya, melainkan Kehadirannya",
                "is_numbered": False,
                "body": (
                    "<p>Pada akhirnya, hobi bersama berhasil karena ia membuat kita "
                    "hadir, baik secara fisik maupun perhatian. Di masa ketika sapaan "
                    "cukup dikirim lewat stiker di grup percakapan, duduk di tempat "
                    "yang sama dan mengerjakan sesuatu bersama terasa makin "
                    "berharga.</p><p>Tidak semua persahabatan harus dirawat dengan "
                    "cara yang sama. Ada teman yang cukup ditemui setahun sekali dan "
                    "tetap terasa dekat. Namun, bagi persahabatan yang mulai "
                    "merenggang karena kesibukan, kegiatan bersama bisa menjadi cara "
                    "paling sederhana untuk memulai lagi.</p><p>Jadi, mungkin inilah "
                    "saatnya mengirim pesan kepada sahabat lama. Bukan sekadar "
                    "“kapan-kapan ngopi, ya”, melainkan ajakan yang lebih konkret: "
                    "jalan pagi keliling taman kota, Sabtu ini, pukul enam.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "menemani-anak-belajar-membaca-di-rumah",
        "title": (
            "Menemani Anak Belajar Membaca di Rumah: Panduan Praktis untuk Orang Tua"
        ),
        "category": "pendidikan",
        "author": "nindya-puspitasari",
        "tags": ["literasi", "pendidikan anak", "membaca", "pengasuhan"],
        "is_featured": False,
        "hours_ago": 9,
        "seo_description": (
            "Rutinitas singkat, bahan bacaan yang beragam, dan suasana yang "
            "menyenangkan membantu anak mencintai buku sebelum lancar membaca."
        ),
        "intro": (
            "<p>Kemampuan membaca sering dianggap urusan sekolah. Padahal, bagi banyak "
            "anak, perkenalan pertama dengan huruf dan cerita justru terjadi di rumah: "
            "di pangkuan orang tua, di depan rak buku kecil, atau saat mengeja tulisan "
            "di bungkus makanan.</p><p>Menemani anak belajar membaca tidak menuntut "
            "orang tua menjadi guru. Yang dibutuhkan adalah kesabaran, sedikit waktu "
            "setiap hari, dan kesediaan untuk membuat buku terasa sebagai teman, bukan "
            "beban.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi ayah dan anak membaca buku bergambar bersama di atas karpet "
                "ruang keluarga"
            ),
            "caption": (
                "Membaca bersama di rumah menjadi perkenalan pertama banyak anak "
                "dengan dunia cerita."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (244, 196, 84),
        },
        "sections": [
            {
                "heading": "Mulai dari Suasana, Bukan Target",
                "is_numbered": True,
                "body": (
                    "<p>Banyak orang tua cemas ketika anak lain seusianya sudah lancar "
                    "membaca, sementara anak sendiri masih terbata-bata mengeja. "
                    "Kecemasan ini wajar, tetapi sering kali justru menular kepada "
                    "anak dan membuat kegiatan membaca terasa seperti "
                    "ujian.</p><p>Para pendidik anak usia dini umumnya menyarankan "
                    "agar orang tua <strong>mengutamakan rasa senang terhadap "
                    "buku</strong> sebelum mengejar kemampuan teknis. Anak yang "
                    "menikmati dibacakan cerita cenderung lebih bersemangat ketika "
                    "tiba saatnya belajar membaca sendiri.</p><p>Tahap ini kerap "
                    "disebut masa <em>pramembaca</em>: saat anak mulai memahami bahwa "
                    "deretan huruf menyimpan makna, meski ia belum bisa mengejanya. "
                    "Membolak-balik halaman, menunjuk gambar, dan menebak isi cerita "
                    "adalah bagian penting dari proses tersebut.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi seorang ibu membacakan buku cerita untuk anaknya di "
                        "tempat tidur dengan lampu temaram"
                    ),
                    "caption": (
                        "Membacakan cerita sebelum tidur menjadi cara sederhana "
                        "menumbuhkan rasa senang terhadap buku."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (126, 140, 199),
                },
            },
            {
                "heading": "Rutinitas Sepuluh Menit yang Konsisten",
                "is_numbered": True,
                "body": (
                    "<p>Tidak perlu waktu berjam-jam. Sesi pendek yang dilakukan "
                    "hampir setiap hari biasanya lebih efektif daripada sesi panjang "
                    "yang hanya sesekali. Berikut alur sederhana yang bisa "
                    "dicoba:</p><ol><li>Ajak anak memilih sendiri buku yang ingin "
                    "dibaca hari itu.</li><li>Bacakan cerita dengan suara dan ekspresi "
                    "yang hidup, sambil menunjuk kata yang sedang "
                    "dibaca.</li><li>Berhenti sejenak untuk bertanya, misalnya "
                    "“menurutmu, apa yang terjadi selanjutnya?”</li><li>Minta anak "
                    "membaca satu atau dua kata yang sudah ia kenali.</li><li>Tutup "
                    "dengan pujian atas usahanya, bukan hanya atas "
                    "hasilnya.</li></ol><p>Konsistensi lebih penting daripada durasi. "
                    "Jika suatu hari anak tampak lelah atau rewel, tidak apa-apa cukup "
                    "membacakan satu halaman, lalu berhenti dengan suasana yang tetap "
                    "menyenangkan.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Cerita dari Ruang Kelas",
                "is_numbered": False,
                "body": (
                    "<p>Pengalaman para guru kelas awal sering kali sejalan dengan "
                    "saran di atas. Seorang guru kelas satu di sebuah sekolah dasar di "
                    "Kabupaten Malang bercerita bahwa murid yang terbiasa dibacakan "
                    "buku di rumah umumnya lebih percaya diri ketika diminta bercerita "
                    "di depan kelas.</p><blockquote>Anak-anak itu belum tentu yang "
                    "paling cepat membaca, tetapi mereka tidak takut pada buku. Rasa "
                    "tidak takut itu modal yang sangat besar untuk belajar apa "
                    "pun.</blockquote><p>Menurutnya, orang tua tidak perlu "
                    "menggantikan peran guru. Cukup menjadi teman membaca yang sabar "
                    "dan tidak terburu-buru menilai.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Sediakan Bahan Bacaan yang Beragam",
                "is_numbered": True,
                "body": (
                    "<p>Buku bergambar bukan satu-satunya bahan bacaan. Anak bisa "
                    "belajar mengenali huruf dan kata dari banyak hal di sekitarnya, "
                    "misalnya:</p><ul><li>label kemasan makanan di "
                    "dapur;</li><li>papan nama toko dan rambu jalan saat "
                    "bepergian;</li><li>resep sederhana yang dimasak "
                    "bersama;</li><li>kartu ucapan atau surat pendek dari "
                    "kerabat.</li></ul><p>Untuk menambah koleksi buku, orang tua dapat "
                    "memanfaatkan perpustakaan daerah, taman bacaan masyarakat, atau "
                    "bahan bacaan digital yang disediakan pemerintah. Informasi "
                    "mengenai program literasi dan sumber belajar dapat ditelusuri "
                    'melalui <a href="https://kemdikbud.go.id">laman resmi kementerian '
                    "yang membidangi pendidikan</a>.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi rak buku anak berwarna-warni di sebuah taman bacaan "
                        "masyarakat"
                    ),
                    "caption": (
                        "Taman bacaan masyarakat bisa menjadi pilihan untuk memperkaya "
                        "koleksi bacaan anak."
                    ),
                    "source": "dokumentasi Wayah Sinau",
                    "color": (92, 170, 168),
                },
            },
            {
                "heading": "Kenali Kapan Perlu Berkonsultasi",
                "is_numbered": True,
                "body": (
                    "<p>Setiap anak berkembang dengan kecepatannya masing-masing. "
                    "Meski begitu, orang tua sebaiknya tetap peka terhadap tanda-tanda "
                    "tertentu, misalnya anak yang terus kesulitan membedakan bunyi "
                    "huruf meski sudah lama berlatih, atau tampak sangat cemas setiap "
                    "kali berhadapan dengan tulisan.</p><p>Dalam kondisi seperti itu, "
                    "berbicara dengan guru kelas adalah langkah pertama yang baik. "
                    "Guru dapat membantu melihat apakah kesulitan tersebut masih wajar "
                    "atau perlu ditelusuri lebih lanjut bersama tenaga profesional, "
                    "seperti psikolog anak.</p><p>Yang terpenting, hindari "
                    "membandingkan anak dengan saudara atau temannya. Perbandingan "
                    "jarang membuat anak lebih cepat bisa, tetapi hampir selalu "
                    "membuatnya merasa kurang.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "persiapan-umkm-kuliner-sebelum-berjualan-daring",
        "title": "Lima Hal yang Perlu Disiapkan UMKM Kuliner Sebelum Berjualan Daring",
        "category": "bisnis",
        "author": "arif-wicaksono",
        "co_author": "bagas-prasetyo",
        "tags": ["umkm", "kuliner", "jualan daring", "pemasaran digital"],
        "is_featured": False,
        "hours_ago": 20,
        "seo_description": (
            "Dari harga jual, kemasan, hingga jam operasional: persiapan sederhana "
            "agar usaha kuliner rumahan tidak kewalahan saat mulai berjualan daring."
        ),
        "intro": (
            "<p>Berjualan lewat aplikasi pesan-antar dan media sosial kini menjadi "
            "langkah yang hampir wajib bagi usaha kuliner rumahan. Namun, membuka toko "
            "daring tanpa persiapan sering berujung pada pesanan yang menumpuk, ulasan "
            "buruk, dan keuntungan yang menipis karena biaya tak "
            "terduga.</p><p>Pengalaman banyak pelaku usaha makanan di Malang Raya "
            "menunjukkan bahwa bulan-bulan pertama adalah masa paling menentukan. Ada "
            "lima hal yang sebaiknya dibereskan lebih dulu sebelum menekan tombol "
            "“buka toko”.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi dapur usaha rumahan dengan pesanan makanan terbungkus rapi "
                "siap diantar"
            ),
            "caption": (
                "Persiapan sebelum berjualan daring membantu dapur rumahan tetap "
                "tenang saat pesanan berdatangan."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (214, 98, 76),
        },
        "sections": [
            {
                "heading": "Hitung Ulang Harga Jual",
                "is_numbered": True,
                "body": (
                    "<p>Harga di etalase daring tidak bisa disamakan begitu saja "
                    "dengan harga di warung. Ada komisi platform, biaya kemasan "
                    "tambahan, hingga potongan untuk promo yang perlu diperhitungkan. "
                    "Tidak sedikit pelaku usaha baru menyadari margin mereka tergerus "
                    "setelah beberapa minggu berjualan.</p><p>Cara paling aman adalah "
                    "menyusun ulang perhitungan modal per porsi, lalu menambahkan "
                    "seluruh biaya yang muncul khusus untuk penjualan daring. Dari "
                    "situ, tentukan harga yang tetap masuk akal bagi pembeli tanpa "
                    "membuat usaha merugi diam-diam.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Pilih Kemasan yang Tahan Perjalanan",
                "is_numbered": True,
                "body": (
                    "<p>Makanan yang enak di piring belum tentu tetap menarik setelah "
                    "dua puluh menit di atas sepeda motor. Kuah yang tumpah atau "
                    "gorengan yang melempem adalah sumber keluhan yang paling sering "
                    "muncul dalam ulasan pembeli.</p><p>Lakukan uji coba sederhana: "
                    "kemas satu porsi, bawa berkeliling selama setengah jam, lalu "
                    "periksa kondisinya. Pisahkan kuah dan sambal, beri celah uap "
                    "untuk makanan yang digoreng, dan pastikan tutup wadah benar-benar "
                    "rapat.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi aneka wadah makanan, mangkuk bertutup, dan kantong "
                        "kertas di atas meja dapur"
                    ),
                    "caption": (
                        "Uji coba kemasan membantu mencegah keluhan makanan tumpah "
                        "atau melempem."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (199, 160, 110),
                },
            },
            {
                "heading": "Sederhanakan Menu",
                "is_numbered": True,
                "body": (
                    "<p>Menu yang terlalu panjang membuat dapur kewalahan ketika "
                    "pesanan datang bersamaan. Selain itu, pembeli di aplikasi "
                    "cenderung menggulir dengan cepat dan lebih mudah memutuskan jika "
                    "pilihannya tidak terlalu banyak.</p><p>Mulailah dengan menu "
                    "andalan yang paling sering dipesan pelanggan setia, ditambah "
                    "beberapa pilihan pelengkap. Menu baru bisa ditambahkan bertahap "
                    "setelah alur kerja dapur stabil.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Siapkan Foto yang Jujur dan Menggugah Selera",
                "is_numbered": True,
                "body": (
                    "<p>Foto adalah etalase utama di toko daring. Tidak perlu kamera "
                    "mahal; cahaya alami dari jendela dan latar yang bersih sudah "
                    "cukup untuk menghasilkan foto yang layak.</p><p>Hal yang sama "
                    "pentingnya adalah kejujuran. Porsi dalam foto sebaiknya sesuai "
                    "dengan yang diterima pembeli. Foto yang terlalu dipercantik "
                    "memang bisa menarik pesanan pertama, tetapi kekecewaan pembeli "
                    "biasanya tecermin dalam ulasan berikutnya.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Atur Jam Operasional dan Stok",
                "is_numbered": True,
                "body": (
                    "<p>Salah satu kesalahan yang kerap terjadi adalah membuka toko "
                    "daring sepanjang hari tanpa memperhitungkan kapasitas dapur. "
                    "Akibatnya, pesanan terpaksa dibatalkan karena bahan habis atau "
                    "juru masak sudah kelelahan.</p><p>Tentukan jam buka yang "
                    "realistis dan manfaatkan fitur stok atau tutup sementara yang "
                    "umumnya tersedia di aplikasi. Pembeli lebih bisa memaklumi toko "
                    "yang sedang tutup daripada pesanan yang dibatalkan setelah mereka "
                    "menunggu.</p><p>Dengan persiapan yang matang, berjualan daring "
                    "bukan sekadar menambah saluran penjualan, melainkan juga "
                    "kesempatan memperkenalkan cita rasa dapur rumahan kepada pembeli "
                    "yang lebih luas.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "verifikasi-dua-langkah-kunci-tambahan-akun-digital",
        "title": "Verifikasi Dua Langkah, Kunci Tambahan yang Masih Sering Diabaikan",
        "category": "teknologi",
        "author": "bagas-prasetyo",
        "tags": ["keamanan digital", "kata sandi", "media sosial"],
        "is_featured": False,
        "hours_ago": 31,
        "seo_description": (
            "Kata sandi saja tidak cukup. Kenali cara kerja verifikasi dua langkah, "
            "metode yang paling aman, dan kebiasaan yang menjaga akun tetap "
            "terlindungi."
        ),
        "intro": (
            "<p>Kabar akun media sosial yang diambil alih orang lain hampir selalu "
            "terdengar setiap pekan, entah menimpa kerabat, rekan kerja, atau toko "
            "daring langganan. Pola kejadiannya pun mirip: kata sandi bocor atau "
            "tertebak, lalu pelaku leluasa masuk karena tidak ada lapisan pengaman "
            "lain.</p><p>Verifikasi dua langkah hadir untuk menutup celah itu. "
            "Fiturnya sudah tersedia di hampir semua layanan populer, tetapi masih "
            "banyak pengguna yang belum mengaktifkannya karena menganggapnya "
            "merepotkan.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi gembok besar di depan layar ponsel yang menampilkan halaman "
                "masuk akun"
            ),
            "caption": (
                "Lapisan pengaman tambahan membuat kata sandi yang bocor tidak "
                "serta-merta membuka akun."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (58, 96, 150),
        },
        "sections": [
            {
                "heading": "Apa Itu Verifikasi Dua Langkah",
                "is_numbered": True,
                "body": (
                    "<p>Secara sederhana, verifikasi dua langkah meminta bukti "
                    "tambahan selain kata sandi ketika seseorang masuk ke akun dari "
                    "perangkat baru. Bukti itu bisa berupa kode yang dikirim lewat "
                    "SMS, kode dari aplikasi autentikator, atau kunci keamanan "
                    "fisik.</p><p>Dengan begitu, kata sandi yang bocor saja tidak "
                    "cukup untuk membobol akun. Pelaku juga harus menguasai perangkat "
                    "atau kode milik pengguna, sesuatu yang jauh lebih sulit dilakukan "
                    "dari jarak jauh.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Pilih Metode yang Paling Aman",
                "is_numbered": True,
                "body": (
                    "<p>Tidak semua metode memiliki tingkat keamanan yang sama. Kode "
                    "lewat SMS lebih baik daripada tidak ada sama sekali, tetapi nomor "
                    "telepon bisa menjadi sasaran penipuan, misalnya lewat modus "
                    "pengambilalihan kartu SIM.</p><p>Aplikasi autentikator yang "
                    "menghasilkan kode baru setiap beberapa detik umumnya dianggap "
                    "lebih aman karena kodenya tidak dikirim lewat jaringan. Bagi yang "
                    "menginginkan perlindungan lebih, kunci keamanan fisik yang "
                    "bentuknya mirip diska lepas juga bisa menjadi pilihan.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi ponsel menampilkan kode verifikasi enam digit di "
                        "samping ikon perisai"
                    ),
                    "caption": (
                        "Kode dari aplikasi autentikator berganti secara berkala "
                        "sehingga sulit disalahgunakan."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (84, 130, 190),
                },
            },
            {
                "heading": "Simpan Kode Cadangan di Tempat Aman",
                "is_numbered": True,
                "body": (
                    "<p>Saat mengaktifkan verifikasi dua langkah, sebagian besar "
                    "layanan menyediakan kode cadangan. Kode inilah penyelamat ketika "
                    "ponsel hilang atau rusak. Sayangnya, banyak pengguna melewatkan "
                    "langkah ini begitu saja.</p><p>Catat kode cadangan di kertas dan "
                    "simpan di tempat yang aman di rumah, atau gunakan pengelola kata "
                    "sandi tepercaya. Hindari menyimpannya sebagai foto di galeri "
                    "ponsel yang sama, karena kode itu akan ikut hilang bersama "
                    "perangkatnya.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Waspadai Permintaan Kode dari Orang Lain",
                "is_numbered": True,
                "body": (
                    "<p>Lapisan keamanan apa pun bisa runtuh jika pengguna sendiri "
                    "yang menyerahkan kuncinya. Modus yang kerap muncul adalah pesan "
                    "dari akun teman yang meminta kode dengan alasan “salah kirim”, "
                    "padahal akun teman tersebut sudah lebih dulu diambil "
                    "alih.</p><p>Pegang satu prinsip sederhana: kode verifikasi tidak "
                    "boleh dibagikan kepada siapa pun, termasuk kepada orang yang "
                    "mengaku petugas layanan pelanggan. Layanan resmi tidak akan "
                    "meminta kode tersebut melalui pesan pribadi atau "
                    "telepon.</p><p>Jika telanjur memberikan kode, segera ganti kata "
                    "sandi, keluarkan semua perangkat yang terhubung melalui "
                    "pengaturan akun, lalu kabari kontak terdekat agar mereka tidak "
                    "ikut menjadi sasaran.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "menyusuri-kota-batu-di-pagi-hari-rute-santai-akhir-pekan",
        "title": "Menyusuri Kota Batu di Pagi Hari: Rute Santai untuk Akhir Pekan",
        "category": "wisata",
        "author": "arif-wicaksono",
        "contributor": "Dimas Anggara",
        "tags": ["wisata batu", "malang raya", "akhir pekan", "kuliner"],
        "is_featured": True,
        "hours_ago": 52,
        "seo_description": (
            "Sarapan hangat, pasar sayur, dan kebun apel: rute setengah hari untuk "
            "menikmati sisi tenang Kota Batu sebelum jalanan ramai."
        ),
        "intro": (
            "<p>Kota Batu kerap identik dengan taman rekreasi besar dan antrean "
            "kendaraan pada akhir pekan. Padahal, kota berhawa sejuk di lereng "
            "pegunungan ini punya sisi lain yang lebih tenang, terutama ketika "
            "matahari baru naik dan kabut tipis masih menggantung di atas "
            "perbukitan.</p><p>Bagi yang ingin menikmati Batu tanpa terburu-buru, "
            "berangkat pagi adalah kuncinya. Berikut rute santai yang bisa dijajal "
            "dalam setengah hari, cocok untuk keluarga maupun rombongan kecil.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi lanskap perbukitan hijau berkabut dengan atap rumah warga "
                "di kaki gunung"
            ),
            "caption": (
                "Pagi hari adalah waktu terbaik untuk menikmati udara sejuk di lereng "
                "pegunungan."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (96, 150, 112),
        },
        "sections": [
            {
                "heading": "Sarapan Hangat di Sekitar Alun-Alun",
                "is_numbered": True,
                "body": (
                    "<p>Alun-Alun Kota Batu menjadi titik awal yang mudah dijangkau. "
                    "Pada pagi hari, suasananya jauh lebih lengang dibanding malam, "
                    "dan udara dinginnya cocok untuk berjalan kaki sebentar sebelum "
                    "mencari sarapan.</p><p>Di sekitar alun-alun, pengunjung biasanya "
                    "dapat menemukan penjual makanan hangat seperti ketan, bakso, atau "
                    "wedang jahe. Pilih tempat yang ramai oleh warga setempat; itu "
                    "sering menjadi petunjuk paling jujur soal rasa.</p>"
                    # Embeds (articles/embeds.py): a facade until a reader asks.
                    '<div data-embed="maps:-7.8714,112.5265,15" '
                    'data-title="Alun-Alun Kota Batu di peta"></div>'
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi alun-alun kota pada pagi hari dengan kabut tipis "
                        "dan perbukitan di kejauhan"
                    ),
                    "caption": (
                        "Suasana pagi di pusat kota terasa lebih lengang dan sejuk "
                        "dibanding malam hari."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (160, 190, 214),
                },
            },
            {
                "heading": "Singgah di Pasar untuk Sayur dan Buah Segar",
                "is_numbered": True,
                "body": (
                    "<p>Sebagai daerah penghasil sayur dan buah, Batu punya pasar yang "
                    "menarik dikunjungi meski hanya untuk melihat-lihat. Tumpukan "
                    "wortel, kubis, stroberi, dan apel yang baru turun dari kebun "
                    "memberi gambaran tentang kehidupan pertanian di lereng "
                    "gunung.</p><p>Datanglah dengan membawa tas belanja sendiri dan "
                    "uang tunai pecahan kecil. Menawar boleh saja, asalkan tetap sopan "
                    "dan tidak berlebihan; bagi banyak pedagang, pagi adalah waktu "
                    "tersibuk mereka.</p>"
                    '<div data-embed="youtube:aqz-KE-bpKQ" '
                    'data-title="Contoh video sematan: Big Buck Bunny (Blender '
                    'Foundation, CC BY)"></div>'
                ),
                "figure": None,
            },
            {
                "heading": "Memetik Apel atau Sekadar Berjalan di Kebun",
                "is_numbered": True,
                "body": (
                    "<p>Wisata petik apel menjadi salah satu daya tarik yang melekat "
                    "dengan Batu. Sejumlah kebun membuka kesempatan bagi pengunjung "
                    "untuk memetik buah langsung dari pohonnya, tentu dengan aturan "
                    "yang berbeda-beda di setiap tempat.</p><p>Sebelum berangkat, "
                    "sebaiknya tanyakan lebih dulu apakah kebun sedang dalam masa "
                    "panen, karena ketersediaan buah bergantung pada musim. Jika "
                    "sedang tidak musim, berjalan di antara barisan pohon sambil "
                    "berbincang dengan petani tetap menjadi pengalaman yang "
                    "menyenangkan.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi pohon apel berbuah merah dan hijau di kebun lereng "
                        "bukit"
                    ),
                    "caption": (
                        "Ketersediaan buah di kebun apel bergantung pada musim, jadi "
                        "ada baiknya bertanya sebelum datang."
                    ),
                    "source": "dokumentasi Wayah Sinau",
                    "color": (178, 64, 58),
                },
            },
            {
                "heading": "Tips agar Perjalanan Tetap Nyaman",
                "is_numbered": True,
                "body": (
                    "<p>Beberapa hal kecil bisa membuat perjalanan pagi di Batu jauh "
                    "lebih nyaman:</p><ul><li><strong>Bawa jaket.</strong> Suhu pagi "
                    "bisa cukup dingin, terutama bagi yang datang dari daerah yang "
                    "lebih panas.</li><li><strong>Hindari jam padat.</strong> Jalan "
                    "utama menuju Batu cenderung ramai menjelang siang pada akhir "
                    "pekan dan hari libur.</li><li><strong>Pakai alas kaki yang "
                    "nyaman.</strong> Jalan di pasar dan kebun bisa becek setelah "
                    "hujan.</li><li><strong>Bawa pulang sampahmu.</strong> Kebersihan "
                    "kebun dan ruang publik adalah tanggung jawab "
                    "bersama.</li></ul><p>Dengan rute seperti ini, setengah hari di "
                    "Batu cukup untuk pulang dengan perut kenyang, tas berisi buah "
                    "segar, dan kepala yang lebih ringan.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "tidur-cukup-di-tengah-kesibukan-kebiasaan-kecil",
        "title": "Tidur Cukup di Tengah Kesibukan: Kebiasaan Kecil yang Layak Dicoba",
        "category": "gaya-hidup",
        "author": "rahmi-kusumawardani",
        "tags": ["tidur", "kesehatan", "kebiasaan sehat"],
        "is_featured": False,
        "hours_ago": 75,
        "seo_description": (
            "Jam bangun yang konsisten, jeda dari layar, dan perhatian pada kafein "
            "bisa menjadi langkah awal memperbaiki pola tidur yang berantakan."
        ),
        "intro": (
            "<p>Begadang sering dianggap harga yang wajar untuk produktivitas. "
            "Pekerjaan kantor dibawa pulang, tontonan serial berlanjut satu episode "
            "lagi, dan ponsel baru diletakkan ketika mata sudah benar-benar berat. "
            "Esok paginya, kopi menjadi penyelamat.</p><p>Padahal, tidur yang cukup "
            "dan teratur adalah salah satu fondasi kesehatan yang paling sering "
            "diingatkan tenaga kesehatan. Kabar baiknya, memperbaiki pola tidur tidak "
            "selalu menuntut perubahan besar. Beberapa kebiasaan kecil berikut bisa "
            "menjadi awal.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi bulan sabit di atas jendela kamar dengan tempat tidur yang "
                "rapi"
            ),
            "caption": (
                "Pola tidur yang teratur bisa dibangun dari kebiasaan-kebiasaan kecil."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (52, 62, 110),
        },
        "sections": [
            {
                "heading": "Tetapkan Jam Bangun yang Sama",
                "is_numbered": True,
                "body": (
                    "<p>Banyak orang berfokus pada jam tidur, padahal jam bangun yang "
                    "konsisten sering kali lebih mudah dikendalikan. Bangun pada jam "
                    "yang sama setiap hari, termasuk akhir pekan, membantu tubuh "
                    "membentuk ritme yang teratur.</p><p>Dalam beberapa minggu, rasa "
                    "kantuk biasanya datang pada jam yang lebih bisa ditebak. Godaan "
                    "untuk “balas dendam” dengan tidur sampai siang pada hari Minggu "
                    "memang besar, tetapi kebiasaan itu justru bisa membuat Senin pagi "
                    "terasa lebih berat.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Beri Jeda dari Layar",
                "is_numbered": True,
                "body": (
                    "<p>Ponsel di tangan menjelang tidur membuat otak terus menerima "
                    "rangsangan: notifikasi, video pendek, dan percakapan grup yang "
                    "tidak ada habisnya. Akibatnya, waktu yang direncanakan untuk "
                    "tidur bergeser tanpa terasa.</p><p>Cobalah meletakkan ponsel di "
                    "luar jangkauan tangan, misalnya di meja seberang kamar, "
                    "setidaknya setengah jam sebelum tidur. Ganti dengan kegiatan yang "
                    "lebih tenang, seperti membaca buku cetak, menulis jurnal singkat, "
                    "atau sekadar merapikan kamar.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi kamar tidur temaram dengan ponsel diletakkan di "
                        "meja yang jauh dari kasur"
                    ),
                    "caption": (
                        "Meletakkan ponsel di luar jangkauan tangan membantu "
                        "mengurangi godaan menggulir layar."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (88, 84, 140),
                },
            },
            {
                "heading": "Perhatikan Kafein dan Makan Malam",
                "is_numbered": True,
                "body": (
                    "<p>Kopi sore hari terasa membantu menuntaskan pekerjaan, tetapi "
                    "pada sebagian orang efeknya bisa bertahan hingga malam. Jika "
                    "sering sulit terlelap, ada baiknya mencoba membatasi minuman "
                    "berkafein setelah tengah hari dan melihat apakah ada "
                    "perbedaan.</p><p>Hal serupa berlaku untuk makan malam yang "
                    "terlalu berat dan terlalu dekat dengan waktu tidur. Memberi jarak "
                    "beberapa jam antara makan dan tidur umumnya membuat tubuh lebih "
                    "nyaman saat berbaring.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Kenali Kapan Perlu Bantuan",
                "is_numbered": True,
                "body": (
                    "<p>Kebiasaan baik tidak selalu cukup. Jika sulit tidur "
                    "berlangsung berminggu-minggu, atau pasangan mengeluhkan dengkuran "
                    "keras disertai napas yang seperti terhenti, sebaiknya segera "
                    "berkonsultasi dengan dokter.</p><p>Gangguan tidur kadang "
                    "berkaitan dengan kondisi kesehatan lain yang perlu ditangani "
                    "secara khusus. Mencari bantuan bukan tanda lemah, melainkan "
                    "bentuk perhatian pada diri sendiri.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "panduan-mahasiswa-baru-beradaptasi-di-kota-malang",
        "title": "Panduan Mahasiswa Baru Beradaptasi di Kota Malang",
        "category": "pendidikan",
        "author": "nindya-puspitasari",
        "tags": ["mahasiswa baru", "perkuliahan", "malang", "anak kos"],
        "is_featured": False,
        "hours_ago": 120,
        "seo_description": (
            "Memilih kos, menyusun anggaran, hingga memanfaatkan layanan kampus: bekal "
            "praktis bagi mahasiswa baru yang merantau ke Malang."
        ),
        "intro": (
            "<p>Setiap tahun ajaran baru, Malang kedatangan ribuan mahasiswa dari "
            "berbagai daerah. Julukan kota pendidikan memang melekat erat; kawasan di "
            "sekitar kampus mendadak ramai oleh pencari kos, pedagang perlengkapan "
            "kamar, dan orang tua yang mengantar anaknya dengan perasaan campur "
            "aduk.</p><p>Bagi mahasiswa baru, minggu-minggu pertama bisa terasa "
            "menyenangkan sekaligus melelahkan. Berikut sejumlah hal yang bisa "
            "membantu proses adaptasi berjalan lebih mulus.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi mahasiswa membawa koper dan ransel berjalan di depan "
                "gerbang kampus"
            ),
            "caption": (
                "Minggu-minggu pertama di perantauan adalah masa penyesuaian yang "
                "penuh warna."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (70, 120, 170),
        },
        "sections": [
            {
                "heading": "Pilih Kos dengan Kepala Dingin",
                "is_numbered": True,
                "body": (
                    "<p>Tempat tinggal menentukan banyak hal, mulai dari waktu tempuh "
                    "ke kampus hingga pengeluaran bulanan. Jangan terburu-buru "
                    "membayar hanya karena takut kehabisan; luangkan waktu untuk "
                    "membandingkan beberapa pilihan.</p><p>Perhatikan hal-hal praktis "
                    "seperti keamanan lingkungan, ketersediaan air, sirkulasi udara, "
                    "dan aturan tertulis dari pemilik. Tanyakan juga apa saja yang "
                    "sudah termasuk dalam biaya sewa, misalnya listrik, internet, atau "
                    "layanan kebersihan.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Susun Anggaran Sejak Bulan Pertama",
                "is_numbered": True,
                "body": (
                    "<p>Hidup mandiri berarti mengelola uang sendiri. Banyak mahasiswa "
                    "baru kaget karena uang saku habis sebelum akhir bulan akibat "
                    "pengeluaran kecil yang tidak tercatat, seperti jajan, ongkos ojek "
                    "daring, atau iuran kegiatan.</p><p>Buat catatan sederhana: "
                    "pisahkan kebutuhan tetap seperti sewa kos dan makan, lalu "
                    "sisihkan sedikit untuk dana darurat. Memasak sendiri sesekali, "
                    "atau berbelanja bahan makanan bersama teman kos, bisa menjadi "
                    "cara berhemat yang menyenangkan.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Manfaatkan Layanan Kampus",
                "is_numbered": True,
                "body": (
                    "<p>Kampus umumnya memiliki berbagai layanan yang jarang "
                    "dimanfaatkan mahasiswa baru, seperti perpustakaan, pusat karier, "
                    "klinik kesehatan, hingga layanan konseling. Kenali lokasinya "
                    "sejak awal agar tidak kebingungan ketika benar-benar "
                    "membutuhkannya.</p><p>Dosen pembimbing akademik juga bisa menjadi "
                    "tempat bertanya tentang pemilihan mata kuliah maupun kesulitan "
                    "belajar. Jangan sungkan membuat janji temu; membantu mahasiswa "
                    "memang bagian dari peran mereka.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi mahasiswa membaca di meja perpustakaan kampus "
                        "dengan rak buku tinggi"
                    ),
                    "caption": (
                        "Perpustakaan kampus menyediakan ruang belajar yang tenang dan "
                        "akses ke beragam sumber bacaan."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (150, 118, 86),
                },
            },
            {
                "heading": "Jaga Kesehatan Mental dan Jejaring",
                "is_numbered": True,
                "body": (
                    "<p>Rindu rumah adalah perasaan yang wajar, terutama pada "
                    "bulan-bulan awal. Menjaga komunikasi dengan keluarga tetap "
                    "penting, tetapi cobalah juga membangun lingkaran pertemanan baru "
                    "di kota ini.</p><p>Unit kegiatan mahasiswa, paguyuban daerah, "
                    "atau kelompok belajar bisa menjadi pintu masuk. Jika perasaan "
                    "cemas atau sedih berlangsung lama dan mulai mengganggu kuliah, "
                    "jangan ragu menghubungi layanan konseling kampus.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Mengenal Kota Lebih Dekat",
                "is_numbered": False,
                "body": (
                    "<p>Di luar kampus, Malang menawarkan banyak hal untuk dijelajahi, "
                    "dari kawasan kuliner dan taman kota hingga destinasi alam di "
                    "sekitarnya. Mengenal kota dengan baik membuat perantauan terasa "
                    "seperti rumah kedua.</p><p>Jalan-jalanlah tanpa tujuan sesekali, "
                    "cicipi makanan di warung dekat kos, dan bertegur sapalah dengan "
                    "tetangga. Selamat datang, dan selamat berproses.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "memisahkan-uang-pribadi-dan-uang-usaha-umkm",
        "title": (
            "Memisahkan Uang Pribadi dan Uang Usaha, Langkah Pertama agar UMKM Sehat"
        ),
        "category": "bisnis",
        "author": "bagas-prasetyo",
        "tags": ["umkm", "keuangan usaha", "pembukuan"],
        "is_featured": False,
        "hours_ago": 204,
        "seo_description": (
            "Rekening terpisah, gaji untuk diri sendiri, dan catatan harian yang rutin "
            "membantu pemilik usaha rumahan mengetahui untung yang sebenarnya."
        ),
        "intro": (
            "<p>Bagi banyak pelaku usaha rumahan, laci kasir dan dompet pribadi sering "
            "kali adalah benda yang sama. Uang hasil penjualan dipakai membayar "
            "listrik rumah, sementara belanja bahan baku diambil dari uang belanja "
            "dapur.</p><p>Semuanya terasa wajar, sampai muncul pertanyaan sederhana "
            "yang sulit dijawab: sebenarnya usaha ini untung atau tidak? Memisahkan "
            "keuangan pribadi dan usaha adalah langkah pertama untuk menjawabnya.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi pemilik warung mencatat transaksi di buku kas di balik "
                "etalase"
            ),
            "caption": (
                "Catatan keuangan yang rapi membantu pemilik usaha memahami kondisi "
                "usahanya."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (226, 178, 72),
        },
        "sections": [
            {
                "heading": "Mengapa Harus Dipisahkan",
                "is_numbered": True,
                "body": (
                    "<p>Tanpa pemisahan, pemilik usaha sulit mengetahui kondisi "
                    "keuangan yang sebenarnya. Omzet yang terlihat besar bisa saja "
                    "menutupi kenyataan bahwa keuntungan bersihnya sangat tipis, atau "
                    "bahkan habis terpakai untuk kebutuhan rumah "
                    "tangga.</p><p>Pemisahan juga penting ketika usaha mulai "
                    "berkembang. Lembaga pembiayaan, calon mitra, atau pemasok besar "
                    "biasanya ingin melihat catatan keuangan yang rapi sebelum "
                    "menjalin kerja sama.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Buka Rekening Khusus Usaha",
                "is_numbered": True,
                "body": (
                    "<p>Langkah paling mudah adalah membuka rekening terpisah yang "
                    "hanya digunakan untuk transaksi usaha. Semua pemasukan dari "
                    "penjualan masuk ke rekening ini, dan semua belanja keperluan "
                    "usaha dibayar dari sini.</p><p>Jika menerima pembayaran lewat "
                    "kode QR atau dompet digital, pastikan akun tersebut juga "
                    "terhubung ke rekening usaha, bukan rekening pribadi. Dengan "
                    "begitu, riwayat transaksi otomatis menjadi catatan awal yang "
                    "berguna.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Gaji Diri Sendiri",
                "is_numbered": True,
                "body": (
                    "<p>Pemilik usaha juga bekerja, sehingga wajar jika menerima gaji. "
                    "Tentukan jumlah tetap yang dipindahkan dari rekening usaha ke "
                    "rekening pribadi setiap bulan, lalu gunakan uang itu untuk "
                    "kebutuhan rumah tangga.</p><p>Cara ini membantu menahan godaan "
                    "mengambil uang usaha sewaktu-waktu. Jika pada suatu bulan "
                    "penjualan sedang bagus, kelebihannya bisa disimpan sebagai "
                    "cadangan modal atau dana darurat usaha, bukan langsung "
                    "dibelanjakan.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi dua dompet berbeda warna di atas buku catatan "
                        "keuangan dan kalkulator"
                    ),
                    "caption": (
                        "Memisahkan dompet usaha dan dompet pribadi membantu pemilik "
                        "melihat keuntungan yang sebenarnya."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (104, 150, 98),
                },
            },
            {
                "heading": "Catat Secara Sederhana, tetapi Rutin",
                "is_numbered": True,
                "body": (
                    "<p>Pembukuan tidak harus rumit. Buku tulis, lembar kerja di "
                    "komputer, atau aplikasi kasir gratis sudah cukup untuk mencatat "
                    "pemasukan dan pengeluaran harian.</p><p>Yang paling menentukan "
                    "adalah kedisiplinan. Sisihkan sepuluh menit setiap malam untuk "
                    "mencatat transaksi hari itu. Di akhir bulan, catatan tersebut "
                    "akan memberi gambaran yang jauh lebih jelas dibanding sekadar "
                    "menebak-nebak dari isi laci.</p><p>Jika masih merasa kesulitan, "
                    "pelatihan pembukuan dasar untuk UMKM kerap diselenggarakan oleh "
                    "komunitas, kampus, maupun pemerintah daerah. Mengikutinya bisa "
                    "menjadi investasi kecil dengan manfaat jangka panjang.</p>"
                ),
                "figure": None,
            },
        ],
    },
    {
        "slug": "memakai-asisten-ai-tanpa-kehilangan-nalar-kritis",
        "title": (
            "Memakai Asisten AI untuk Pekerjaan Sehari-hari tanpa Kehilangan Nalar "
            "Kritis"
        ),
        "category": "teknologi",
        "author": "bagas-prasetyo",
        "tags": ["kecerdasan artifisial", "produktivitas", "literasi digital"],
        "is_featured": False,
        "hours_ago": 340,
        "seo_description": (
            "Asisten AI bisa menghemat waktu, tetapi jawabannya perlu diperiksa dan "
            "data sensitif perlu dijaga. Ini prinsip memakainya dengan bijak."
        ),
        "intro": (
            "<p>Asisten berbasis kecerdasan artifisial kini mudah ditemui: membantu "
            "merangkum dokumen, menyusun draf surel, hingga menerjemahkan teks. Bagi "
            "pekerja kantoran, pelajar, maupun pemilik usaha kecil, alat ini bisa "
            "menghemat waktu untuk pekerjaan yang berulang.</p><p>Namun, kemudahan itu "
            "datang dengan sejumlah catatan. Jawaban yang terdengar meyakinkan belum "
            "tentu benar, dan data yang diketik ke dalam aplikasi belum tentu aman. "
            "Berikut beberapa prinsip agar pemanfaatannya tetap bijak.</p>"
        ),
        "cover": {
            "alt": (
                "Ilustrasi seseorang bekerja di depan laptop dengan gelembung "
                "percakapan melayang di sekitarnya"
            ),
            "caption": (
                "Asisten AI dapat membantu pekerjaan rutin, asalkan hasilnya tetap "
                "diperiksa."
            ),
            "source": "ilustrasi Wayah Sinau",
            "color": (120, 92, 170),
        },
        "sections": [
            {
                "heading": "Perlakukan Jawaban sebagai Draf, Bukan Kebenaran Final",
                "is_numbered": True,
                "body": (
                    "<p>Model bahasa bekerja dengan menyusun kata-kata yang paling "
                    "mungkin muncul berdasarkan pola dari data yang sangat besar. "
                    "Akibatnya, ia bisa menghasilkan kalimat yang rapi dan meyakinkan "
                    "tetapi keliru, termasuk menyebut sumber atau angka yang "
                    "sebenarnya tidak ada.</p><p>Karena itu, anggap hasilnya sebagai "
                    "draf awal. Periksa kembali fakta penting, terutama yang "
                    "menyangkut kesehatan, hukum, keuangan, atau informasi yang akan "
                    "dipublikasikan atas nama kita.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Jangan Memasukkan Data Sensitif",
                "is_numbered": True,
                "body": (
                    "<p>Sebelum menempelkan dokumen ke kolom percakapan, tanyakan pada "
                    "diri sendiri: apakah saya nyaman jika teks ini dibaca pihak lain? "
                    "Data pribadi pelanggan, kontrak kerja, atau informasi internal "
                    "kantor sebaiknya tidak dimasukkan tanpa izin dan tanpa memahami "
                    "kebijakan privasi layanan yang digunakan.</p><p>Banyak organisasi "
                    "kini mulai menyusun aturan internal tentang penggunaan alat "
                    "semacam ini. Jika tempat kerja sudah memilikinya, ikuti aturan "
                    "tersebut; jika belum, tidak ada salahnya bertanya kepada "
                    "atasan.</p>"
                ),
                "figure": {
                    "alt": (
                        "Ilustrasi layar laptop menampilkan jendela percakapan dengan "
                        "ikon gembok di sudutnya"
                    ),
                    "caption": (
                        "Berhati-hatilah sebelum menempelkan dokumen berisi data "
                        "pribadi ke aplikasi percakapan."
                    ),
                    "source": "ilustrasi Wayah Sinau",
                    "color": (140, 110, 190),
                },
            },
            {
                "heading": "Gunakan untuk Memperluas Pikiran, Bukan Menggantikannya",
                "is_numbered": True,
                "body": (
                    "<p>Asisten AI paling berguna ketika dipakai untuk membantu "
                    "berpikir, misalnya meminta sudut pandang lain atas sebuah "
                    "rencana, daftar pertanyaan yang mungkin terlewat, atau contoh "
                    "struktur tulisan. Keputusan akhir dan penilaian tetap berada di "
                    "tangan pengguna.</p><p>Bagi pelajar dan mahasiswa, godaan untuk "
                    "menyerahkan seluruh tugas kepada mesin memang besar. Padahal, "
                    "proses menulis dan menalar sendiri itulah yang melatih kemampuan "
                    "yang kelak dibutuhkan. Pahami pula aturan sekolah atau kampus "
                    "tentang penggunaan alat ini.</p>"
                ),
                "figure": None,
            },
            {
                "heading": "Tulis Perintah yang Jelas",
                "is_numbered": True,
                "body": (
                    "<p>Hasil yang baik biasanya berawal dari perintah yang jelas. "
                    "Sebutkan tujuan, sasaran pembaca, panjang tulisan, dan gaya "
                    "bahasa yang diinginkan. Makin spesifik konteksnya, makin kecil "
                    "kemungkinan jawabannya melenceng.</p><p>Jangan ragu meminta "
                    "perbaikan berkali-kali. Perlakukan proses ini seperti berdiskusi "
                    "dengan rekan kerja: beri masukan, minta penjelasan, dan tolak "
                    "bagian yang tidak sesuai.</p>"
                ),
                "figure": None,
            },
        ],
    },
]

# The home page's lead story ("Berita Utama"): the editor's choice in the demo.
LEAD_ARTICLE = "mengapa-hobi-bersama-membuat-persahabatan-lebih-awet"

# Dated notes at the end of an article (``ArticleNote``): ``hours_ago`` counts
# back from the moment the demo is loaded, after the article's own publish time.
NOTES = {
    "menyusuri-kota-batu-di-pagi-hari-rute-santai-akhir-pekan": [
        {
            "kind": "correction",
            "hours_ago": 40,
            "text": (
                "<p>Versi awal artikel ini menyebut stroberi sebagai buah yang dijual "
                "di pasar sepanjang tahun. Seperti buah lain, ketersediaannya "
                "bergantung pada musim. Kalimat tersebut sudah kami perbaiki. Mohon "
                "maaf atas kekeliruan ini.</p>"
            ),
        },
        {
            "kind": "update",
            "hours_ago": 26,
            "text": (
                "<p>Beberapa pembaca menanyakan akses bagi pengguna kursi roda. Jalan "
                "di sekitar alun-alun umumnya datar, sedangkan jalan setapak di kebun "
                "bisa menanjak dan berbatu. Tanyakan kondisi jalurnya kepada pengelola "
                "kebun sebelum datang.</p>"
            ),
        },
        {
            "kind": "reply",
            "party": "Kelompok Tani Apel Sumber Rejeki (nama contoh)",
            "hours_ago": 6,
            "text": (
                "<p>Kami berterima kasih atas liputan ini dan ingin menambahkan "
                "satu hal: di kebun anggota kami, pengunjung membayar sesuai berat "
                "apel yang dipetik, bukan tarif masuk tetap. Jadwal panen dapat "
                "ditanyakan langsung kepada pengelola kebun masing-masing.</p>"
            ),
        },
    ],
}

# The newsroom's own pages (``Page``), linked from every page's footer. Editors
# change them in the admin; ``seed_demo`` never overwrites what they wrote.
_REDAKSI_MAIL = '<a href="mailto:redaksi@wayahsinau.test">redaksi@wayahsinau.test</a>'
_ADDRESS = (
    "Jalan Kenanga Raya No. 17, Lowokwaru, Kota Malang, Jawa Timur 65141 (alamat "
    "contoh untuk data demo)"
)

PAGES = [
    {
        "slug": "tentang-kami",
        "title": "Tentang Kami",
        "description": (
            "Wayah Sinau adalah portal berita dan gaya hidup dari Malang: siapa "
            "kami, apa yang kami tulis, dan apa yang kami janjikan kepada pembaca."
        ),
        "body": (
            "<p>Wayah Sinau adalah portal berita dan gaya hidup yang lahir di "
            "Malang. Namanya diambil dari ungkapan Jawa <em>wayah sinau</em>, "
            "“waktunya belajar”: kami percaya kabar yang baik membuat pembacanya "
            "sedikit lebih paham tentang hidupnya sendiri.</p>"
            "<p>Kami menulis tentang gaya hidup, pendidikan, usaha kecil, teknologi "
            "sehari-hari, dan wisata di Malang Raya dan sekitarnya. Setiap tulisan "
            "disusun redaksi yang bekerja berdasarkan Kode Etik Jurnalistik dan "
            "Pedoman Pemberitaan Media Siber.</p>"
            "<p>Yang kami janjikan kepada pembaca:</p>"
            "<ul><li><strong>Berita dan iklan tidak bercampur.</strong> Konten "
            "berbayar selalu berlabel “Advertorial”, dan pemasang iklan tidak ikut "
            "menentukan isi berita.</li>"
            "<li><strong>Kekeliruan diakui terbuka.</strong> Ralat, pembaruan, dan "
            "hak jawab dimuat di akhir artikel beserta waktunya.</li>"
            "<li><strong>Membaca tanpa diikuti.</strong> Kami tidak memasang cookie "
            "atau skrip pelacak pihak ketiga untuk pembaca.</li></ul>"
            "<p>Punya kabar, koreksi, atau usulan liputan? Tulis kepada kami di "
            f"{_REDAKSI_MAIL}.</p>"
        ),
    },
    {
        "slug": "redaksi",
        "title": "Redaksi",
        "description": (
            "Susunan redaksi Wayah Sinau, penanggung jawab, dan alamat redaksi."
        ),
        "body": (
            "<p><strong>Wayah Sinau</strong> diterbitkan oleh PT Wayah Sinau Media "
            "(nama contoh untuk data demo).</p>"
            "<ul><li><strong>Penanggung jawab dan pemimpin redaksi:</strong> Dewi "
            "Anggraini</li>"
            "<li><strong>Redaktur pelaksana:</strong> Rahmi Kusumawardani</li>"
            "<li><strong>Redaktur:</strong> Nindya Puspitasari</li>"
            "<li><strong>Reporter dan penulis:</strong> Bagas Prasetyo, Arif "
            "Wicaksono</li>"
            "<li><strong>Ilustrasi dan foto:</strong> Tim Visual Wayah Sinau</li>"
            "</ul>"
            f"<p><strong>Alamat redaksi:</strong><br>{_ADDRESS}</p>"
            f"<p><strong>Surel:</strong> {_REDAKSI_MAIL}<br>"
            "<strong>Telepon:</strong> (0341) 555 0170 (nomor contoh)</p>"
            "<p>Wartawan Wayah Sinau selalu membawa kartu pers dan tidak menerima "
            "imbalan dalam bentuk apa pun dari narasumber. Bila ada yang mengaku "
            "wartawan kami lalu meminta uang, mohon laporkan kepada redaksi.</p>"
        ),
    },
    {
        "slug": "pedoman-media-siber",
        "title": "Pedoman Media Siber",
        "description": (
            "Ringkasan Pedoman Pemberitaan Media Siber dari Dewan Pers dan cara "
            "Wayah Sinau menjalankannya: verifikasi, ralat, hak jawab, dan iklan."
        ),
        "body": (
            "<p>Wayah Sinau berpegang pada Pedoman Pemberitaan Media Siber yang "
            "disusun Dewan Pers bersama komunitas pers pada 2012. Berikut ringkasan "
            "pokok-pokoknya dengan kata-kata kami sendiri; naskah lengkapnya dapat "
            "dibaca di situs Dewan Pers.</p>"
            "<ol>"
            "<li><strong>Ruang lingkup.</strong> Pedoman berlaku bagi media siber, "
            "yaitu media yang memakai internet untuk kerja jurnalistik sesuai "
            "Undang-Undang Pers dan standar Dewan Pers, termasuk isi yang dibuat "
            "penggunanya, seperti komentar dan kiriman pembaca.</li>"
            "<li><strong>Verifikasi dan keberimbangan.</strong> Pada dasarnya "
            "setiap berita diverifikasi dan memberi tempat kepada pihak yang "
            "diberitakan. Berita yang belum terverifikasi hanya boleh terbit bila "
            "menyangkut kepentingan publik yang mendesak, sumber pertamanya jelas "
            "dan kredibel, pihak yang diberitakan belum dapat dihubungi, dan pembaca "
            "diberi tahu bahwa berita itu masih perlu diverifikasi. Verifikasi "
            "lalu diteruskan, dan hasilnya dimuat sebagai pembaruan pada berita "
            "tersebut.</li>"
            "<li><strong>Isi buatan pengguna.</strong> Media memasang syarat yang "
            "jelas, meminta pengguna mendaftar, dan melarang isi yang bohong, "
            "memfitnah, cabul, sadis, menghasut kebencian bernuansa suku, agama, "
            "ras, dan antargolongan, atau merendahkan orang yang lemah. Media "
            "berhak menyunting atau menghapus isi semacam itu, menyediakan cara "
            "untuk mengadukannya, dan menanggapi aduan paling lambat 2 x 24 jam.</li>"
            "<li><strong>Ralat, koreksi, dan hak jawab.</strong> Semuanya mengikuti "
            "Undang-Undang Pers, Kode Etik Jurnalistik, dan Pedoman Hak Jawab. "
            "Ralat, koreksi, dan hak jawab melekat pada berita yang bersangkutan "
            "dan menyebut waktu pemuatannya. Media yang mengutip berita yang "
            "kemudian dikoreksi ikut memuat koreksinya; bila tidak, media itu "
            "menanggung akibat hukumnya. Media yang tidak melayani hak jawab dapat "
            "dikenai sanksi sesuai undang-undang.</li>"
            "<li><strong>Pencabutan berita.</strong> Berita yang sudah terbit tidak "
            "dicabut karena tekanan dari luar. Pencabutan hanya untuk alasan "
            "tertentu, misalnya menyangkut SARA, kesusilaan, masa depan anak, atau "
            "pengalaman traumatis korban, dan alasannya diumumkan kepada publik.</li>"
            "<li><strong>Iklan.</strong> Berita dan iklan harus mudah dibedakan. "
            "Setiap isi berbayar diberi keterangan seperti “advertorial”, “iklan”, "
            "atau “sponsored”.</li>"
            "<li><strong>Hak cipta.</strong> Media siber menghormati hak cipta "
            "sesuai peraturan perundang-undangan.</li>"
            "<li><strong>Pencantuman pedoman.</strong> Pedoman ini dimuat di media "
            "siber secara terang dan mudah ditemukan.</li>"
            "<li><strong>Sengketa.</strong> Sengketa tentang pelaksanaan pedoman "
            "ini dinilai akhirnya oleh Dewan Pers.</li>"
            "</ol>"
            "<p><strong>Cara kami menjalankannya.</strong> Setiap ralat, pembaruan, "
            "dan hak jawab kami muat di akhir artikel yang bersangkutan, lengkap "
            "dengan jenis dan waktunya, dan artikel itu ditandai “Diperbarui”. "
            "Perbaikan salah ketik yang tidak mengubah makna tidak kami catat. "
            "Artikel berbayar selalu berlabel “Advertorial”. Saat ini kami tidak "
            "membuka kolom komentar. Pengaduan dan permintaan hak jawab dapat "
            f"dikirim ke {_REDAKSI_MAIL}.</p>"
        ),
    },
    {
        "slug": "kontak",
        "title": "Kontak",
        "description": (
            "Cara menghubungi redaksi Wayah Sinau: kabar dan koreksi, hak jawab, "
            "serta iklan dan kerja sama."
        ),
        "body": (
            "<p>Kami senang mendengar dari pembaca. Pilih jalur yang paling "
            "sesuai:</p>"
            f"<ul><li><strong>Redaksi</strong> (kabar, usulan liputan, koreksi): "
            f"{_REDAKSI_MAIL}</li>"
            "<li><strong>Hak jawab dan pengaduan:</strong> kirim ke alamat redaksi "
            "dengan menyebut judul dan alamat artikel, bagian yang ditanggapi, dan "
            "nomor yang dapat dihubungi. Kami menanggapinya paling lambat 2 x 24 "
            "jam.</li>"
            "<li><strong>Iklan dan kerja sama:</strong> "
            '<a href="mailto:sales@wayahsinau.test">sales@wayahsinau.test</a>, '
            "atau lihat paketnya di halaman Layanan.</li></ul>"
            f"<p><strong>Alamat:</strong> {_ADDRESS}<br>"
            "<strong>Telepon:</strong> (0341) 555 0170 (nomor contoh), Senin sampai "
            "Jumat pukul 09.00–17.00 WIB</p>"
        ),
    },
    {
        "slug": "kebijakan-privasi",
        "title": "Kebijakan Privasi",
        "description": (
            "Data apa yang dikumpulkan Wayah Sinau saat Anda membaca atau mengisi "
            "formulir, dan bagaimana kami menjaganya."
        ),
        "body": (
            "<p>Halaman ini menjelaskan data apa yang kami terima saat Anda "
            "membaca Wayah Sinau, dan bagaimana kami menjaganya.</p>"
            "<ul><li><strong>Membaca artikel.</strong> Kami tidak memasang cookie "
            "untuk pembaca dan tidak memuat skrip pelacak atau iklan dari pihak "
            "ketiga. Untuk daftar “Terpopuler” kami hanya menghitung berapa kali "
            "sebuah artikel dibaca setiap hari; alamat IP, jenis peramban, atau "
            "identitas Anda tidak disimpan bersama hitungan itu.</li>"
            "<li><strong>Tombol bagikan.</strong> Tombol WhatsApp, Facebook, X, dan "
            "Telegram adalah tautan biasa. Layanan tersebut baru menerima alamat "
            "artikel ketika Anda menekannya, dan berlaku kebijakan privasi "
            "masing-masing.</li>"
            "<li><strong>Formulir layanan iklan.</strong> Bila Anda mengisi formulir "
            "di halaman Layanan, kami menyimpan nama, alamat surel, nomor telepon, "
            "dan pesan Anda agar tim niaga dapat menghubungi Anda. Data ini tidak "
            "dijual atau diberikan kepada pihak lain.</li>"
            "<li><strong>Catatan server.</strong> Server kami mencatat permintaan "
            "halaman untuk menjaga keamanan dan memperbaiki gangguan, dan hanya "
            "untuk keperluan itu.</li></ul>"
            "<p>Anda dapat meminta salinan, perbaikan, atau penghapusan data yang "
            f"pernah Anda kirim kepada kami melalui {_REDAKSI_MAIL}. Kami mengelola "
            "data pribadi dengan mengacu pada Undang-Undang Pelindungan Data "
            "Pribadi.</p>"
        ),
    },
    {
        "slug": "disclaimer",
        "title": "Disclaimer",
        "description": (
            "Batas tanggung jawab Wayah Sinau atas isi artikel, advertorial, tautan "
            "ke situs lain, dan pemakaian ulang tulisan."
        ),
        "body": (
            "<p>Artikel di Wayah Sinau ditulis untuk memberi informasi umum. Tulisan "
            "tentang kesehatan, hukum, atau keuangan bukan pengganti nasihat tenaga "
            "ahli; mintalah pendapat profesional untuk keadaan Anda sendiri.</p>"
            "<p>Kami berusaha memastikan setiap tulisan akurat. Bila ternyata ada "
            "kekeliruan, kami memperbaikinya secara terbuka melalui ralat di akhir "
            "artikel, sesuai Pedoman Pemberitaan Media Siber.</p>"
            "<p>Isi artikel berlabel “Advertorial” disiapkan bersama pemasang iklan "
            "dan menjadi tanggung jawab pemasang tersebut. Tautan ke situs lain "
            "disediakan untuk memudahkan pembaca; kami tidak bertanggung jawab atas "
            "isi situs di luar Wayah Sinau.</p>"
            "<p>Tulisan dan ilustrasi di situs ini milik Wayah Sinau, kecuali "
            "disebutkan lain. Mengutip sebagian dengan menyebut sumber dan "
            "menautkan artikelnya dipersilakan; memuat ulang seluruh tulisan "
            "memerlukan izin tertulis dari redaksi.</p>"
        ),
    },
    {
        "slug": "info-iklan",
        "title": "Info Iklan",
        "description": (
            "Beriklan di Wayah Sinau: banner, advertorial berlabel jelas, dan paket "
            "layanan untuk usaha kecil maupun perusahaan."
        ),
        "body": (
            "<p>Wayah Sinau dibaca warga Malang Raya dan perantau yang ingin tetap "
            "dekat dengan kabar kampung halaman. Ada beberapa cara untuk hadir di "
            "depan mereka:</p>"
            "<ul><li><strong>Banner</strong> di atas halaman, di kolom samping, dan "
            "di sela artikel, tampil bergiliran dengan laporan tayangan dan klik "
            "yang jujur.</li>"
            "<li><strong>Advertorial</strong>, artikel berbayar yang ditulis bersama "
            "tim kami dan selalu berlabel “Advertorial”.</li>"
            "<li><strong>Paket layanan</strong> untuk usaha kecil dan perusahaan, "
            "dari siaran pers hingga pemasaran digital.</li></ul>"
            "<p>Setiap iklan terpisah jelas dari berita, sesuai Pedoman Pemberitaan "
            "Media Siber, dan pemasang iklan tidak ikut menentukan isi berita. "
            "Daftar paket, harga, dan formulir permintaan penawaran ada di halaman "
            "Layanan.</p>"
        ),
        "link_url_name": "ads:listings",
        "link_text": "Lihat paket layanan iklan",
    },
]

# The newsroom's accounts elsewhere (``SocialLink``), in the footer.
SOCIAL_LINKS = [
    {"name": "Instagram", "url": "https://www.instagram.com/wayahsinau/"},
    {"name": "Facebook", "url": "https://www.facebook.com/wayahsinau"},
    {"name": "X", "url": "https://x.com/wayahsinau"},
    {"name": "YouTube", "url": "https://www.youtube.com/@wayahsinau"},
]
