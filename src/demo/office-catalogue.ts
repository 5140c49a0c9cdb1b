/**
 * The raw catalogue of the demo's INPS offices: the 20 regions with their ISTAT codes, each
 * province capital and some towns of its province. Office codes are synthetic but follow the
 * INPS shape (4 digits, one block per region, the capital's code ending in 0); the two codes
 * everybody knows are real: 4900 Milano and 7000 Roma.
 */
interface RegionEntry {
  readonly code: string;
  readonly name: string;
  /** Relative wage-integration load; Lombardia and Lazio about 3x the median region. */
  readonly load: number;
  /** The first office code of the region's block. */
  readonly firstCode: number;
  /** [capital, comma-separated towns or city districts of its province]; the regional capital first. */
  readonly provinces: ReadonlyArray<readonly [string, string]>;
}

/** Capitals of the metropolitan cities, whose office is a "direzione metropolitana". */
export const METROPOLITAN_CITIES: ReadonlySet<string> = new Set([
  'Torino', 'Genova', 'Milano', 'Venezia', 'Bologna', 'Firenze', 'Roma',
  'Napoli', 'Bari', 'Reggio Calabria', 'Palermo', 'Catania', 'Messina', 'Cagliari',
]);

export const REGIONS: readonly RegionEntry[] = [
  {
    code: '01', name: 'Piemonte', load: 1.6, firstCode: 1000,
    provinces: [
      ['Torino', 'Torino Nord, Torino Sud, Moncalieri, Rivoli, Ivrea, Pinerolo, Chieri, Chivasso'],
      ['Alessandria', 'Casale Monferrato, Novi Ligure, Tortona, Acqui Terme'],
      ['Asti', 'Canelli, Nizza Monferrato'],
      ['Biella', 'Cossato'],
      ['Cuneo', 'Alba, Bra, Mondovì, Fossano, Saluzzo'],
      ['Novara', 'Borgomanero, Arona'],
      ['Verbania', 'Domodossola, Omegna'],
      ['Vercelli', 'Borgosesia'],
    ],
  },
  {
    code: '02', name: "Valle d'Aosta", load: 0.1, firstCode: 1300,
    provinces: [['Aosta', 'Châtillon, Pont-Saint-Martin']],
  },
  {
    code: '03', name: 'Lombardia', load: 3.0, firstCode: 4900,
    provinces: [
      ['Milano', 'Milano Missori, Milano Porta Garibaldi, Milano Corvetto, Milano Bovisa, Milano Lorenteggio, ' +
        'Sesto San Giovanni, Legnano, Rho, Cinisello Balsamo, Abbiategrasso, Melegnano'],
      ['Bergamo', 'Treviglio, Seriate, Romano di Lombardia, Clusone'],
      ['Brescia', 'Chiari, Desenzano del Garda, Lumezzane, Rovato, Breno'],
      ['Como', 'Cantù, Erba, Olgiate Comasco, Menaggio'],
      ['Cremona', 'Crema, Casalmaggiore'],
      ['Lecco', 'Merate, Calolziocorte'],
      ['Lodi', 'Codogno, Casalpusterlengo'],
      ['Mantova', 'Castiglione delle Stiviere, Suzzara, Viadana'],
      ['Monza', 'Desio, Seregno, Lissone, Vimercate'],
      ['Pavia', 'Vigevano, Voghera, Mortara'],
      ['Sondrio', 'Morbegno, Tirano, Chiavenna'],
      ['Varese', 'Busto Arsizio, Gallarate, Saronno, Luino'],
    ],
  },
  {
    code: '04', name: 'Trentino-Alto Adige', load: 0.75, firstCode: 1400,
    provinces: [
      ['Trento', 'Rovereto, Riva del Garda, Pergine Valsugana, Cles'],
      ['Bolzano', 'Merano, Bressanone, Brunico'],
    ],
  },
  {
    code: '05', name: 'Veneto', load: 1.9, firstCode: 1500,
    provinces: [
      ['Venezia', 'Venezia Mestre, Chioggia, San Donà di Piave, Portogruaro, Mirano'],
      ['Belluno', 'Feltre, Agordo'],
      ['Padova', 'Cittadella, Este, Monselice, Piove di Sacco'],
      ['Rovigo', 'Adria, Badia Polesine'],
      ['Treviso', 'Castelfranco Veneto, Conegliano, Montebelluna, Vittorio Veneto'],
      ['Verona', 'Legnago, San Bonifacio, Villafranca di Verona'],
      ['Vicenza', 'Bassano del Grappa, Schio, Thiene, Arzignano'],
    ],
  },
  {
    code: '06', name: 'Friuli-Venezia Giulia', load: 0.85, firstCode: 2000,
    provinces: [
      ['Trieste', 'Muggia'],
      ['Gorizia', 'Monfalcone'],
      ['Pordenone', 'Sacile, Spilimbergo, Maniago'],
      ['Udine', 'Cervignano del Friuli, Tolmezzo, Cividale del Friuli'],
    ],
  },
  {
    code: '07', name: 'Liguria', load: 0.95, firstCode: 1700,
    provinces: [
      ['Genova', 'Genova Sampierdarena, Genova Sestri Ponente, Chiavari, Rapallo, Sestri Levante'],
      ['Imperia', 'Sanremo, Ventimiglia'],
      ['La Spezia', 'Sarzana'],
      ['Savona', 'Albenga, Cairo Montenotte'],
    ],
  },
  {
    code: '08', name: 'Emilia-Romagna', load: 1.8, firstCode: 2100,
    provinces: [
      ['Bologna', 'Bologna Nord, Imola, Casalecchio di Reno, San Lazzaro di Savena'],
      ['Ferrara', 'Cento, Argenta'],
      ['Forlì', 'Cesena, Savignano sul Rubicone'],
      ['Modena', 'Carpi, Sassuolo, Mirandola, Vignola'],
      ['Parma', 'Fidenza, Langhirano'],
      ['Piacenza', "Castel San Giovanni, Fiorenzuola d'Arda"],
      ['Ravenna', 'Faenza, Lugo'],
      ['Reggio Emilia', "Correggio, Scandiano, Guastalla"],
      ['Rimini', 'Riccione, Novafeltria'],
    ],
  },
  {
    code: '09', name: 'Toscana', load: 1.5, firstCode: 3000,
    provinces: [
      ['Firenze', 'Firenze Novoli, Empoli, Borgo San Lorenzo, Sesto Fiorentino, Scandicci'],
      ['Arezzo', 'Montevarchi, Sansepolcro'],
      ['Grosseto', 'Follonica, Orbetello'],
      ['Livorno', 'Piombino, Cecina, Portoferraio'],
      ['Lucca', 'Viareggio, Castelnuovo di Garfagnana'],
      ['Massa', 'Carrara'],
      ['Pisa', 'Pontedera, San Miniato'],
      ['Pistoia', 'Montecatini Terme, Pescia'],
      ['Prato', 'Montemurlo'],
      ['Siena', "Poggibonsi, Montepulciano, Colle di Val d'Elsa"],
    ],
  },
  {
    code: '10', name: 'Umbria', load: 0.6, firstCode: 3300,
    provinces: [
      ['Perugia', 'Foligno, Città di Castello, Spoleto, Gubbio'],
      ['Terni', 'Orvieto, Narni'],
    ],
  },
  {
    code: '11', name: 'Marche', load: 1.05, firstCode: 3400,
    provinces: [
      ['Ancona', 'Jesi, Senigallia, Fabriano, Osimo'],
      ['Ascoli Piceno', 'San Benedetto del Tronto'],
      ['Fermo', 'Porto San Giorgio'],
      ['Macerata', 'Civitanova Marche, Tolentino'],
      ['Pesaro', 'Fano, Urbino'],
    ],
  },
  {
    code: '12', name: 'Lazio', load: 2.9, firstCode: 7000,
    provinces: [
      ['Roma', 'Roma Aurelio, Roma Casilino Prenestino, Roma Eur, Roma Flaminio, Roma Montesacro, Roma Monteverde, ' +
        'Roma Tiburtino, Roma Tuscolano, Civitavecchia, Tivoli, Pomezia, Velletri, Guidonia Montecelio, Frascati, ' +
        'Anzio, Colleferro'],
      ['Frosinone', 'Cassino, Sora, Anagni, Alatri'],
      ['Latina', 'Aprilia, Formia, Terracina, Fondi'],
      ['Rieti', 'Poggio Mirteto'],
      ['Viterbo', 'Civita Castellana, Tarquinia'],
    ],
  },
  {
    code: '13', name: 'Abruzzo', load: 0.9, firstCode: 6000,
    provinces: [
      ["L'Aquila", 'Avezzano, Sulmona'],
      ['Chieti', 'Lanciano, Vasto, Ortona'],
      ['Pescara', 'Montesilvano'],
      ['Teramo', 'Giulianova, Roseto degli Abruzzi, Atri'],
    ],
  },
  {
    code: '14', name: 'Molise', load: 0.2, firstCode: 6200,
    provinces: [
      ['Campobasso', 'Termoli, Larino'],
      ['Isernia', 'Venafro'],
    ],
  },
  {
    code: '15', name: 'Campania', load: 1.8, firstCode: 5100,
    provinces: [
      ['Napoli', 'Napoli Nord, Napoli Vomero, Napoli Fuorigrotta, Pozzuoli, Torre del Greco, Castellammare di Stabia, ' +
        "Nola, Casoria, Giugliano in Campania, Pomigliano d'Arco"],
      ['Avellino', "Ariano Irpino, Sant'Angelo dei Lombardi, Solofra"],
      ['Benevento', 'Telese Terme'],
      ['Caserta', 'Aversa, Marcianise, Sessa Aurunca, Maddaloni'],
      ['Salerno', "Battipaglia, Nocera Inferiore, Cava de' Tirreni, Eboli, Sala Consilina, Vallo della Lucania, Sarno"],
    ],
  },
  {
    code: '16', name: 'Puglia', load: 1.3, firstCode: 7500,
    provinces: [
      ['Bari', 'Bari Carrassi, Altamura, Monopoli, Molfetta, Gioia del Colle'],
      ['Barletta', 'Andria, Trani'],
      ['Brindisi', 'Fasano, Francavilla Fontana, Ostuni'],
      ['Foggia', 'Cerignola, San Severo, Manfredonia, Lucera'],
      ['Lecce', 'Gallipoli, Nardò, Maglie, Casarano'],
      ['Taranto', 'Martina Franca, Manduria, Grottaglie'],
    ],
  },
  {
    code: '17', name: 'Basilicata', load: 0.35, firstCode: 7800,
    provinces: [
      ['Potenza', "Melfi, Lauria, Villa d'Agri"],
      ['Matera', 'Policoro, Pisticci'],
    ],
  },
  {
    code: '18', name: 'Calabria', load: 0.8, firstCode: 8000,
    provinces: [
      ['Catanzaro', 'Lamezia Terme, Soverato'],
      ['Reggio Calabria', 'Palmi, Locri, Gioia Tauro'],
      ['Cosenza', 'Castrovillari, Rossano, Paola, Scalea'],
      ['Crotone', 'Cirò Marina'],
      ['Vibo Valentia', 'Serra San Bruno'],
    ],
  },
  {
    code: '19', name: 'Sicilia', load: 1.4, firstCode: 8300,
    provinces: [
      ['Palermo', 'Palermo Libertà, Bagheria, Termini Imerese, Partinico'],
      ['Catania', 'Acireale, Caltagirone, Paternò, Giarre'],
      ['Messina', "Barcellona Pozzo di Gotto, Milazzo, Sant'Agata di Militello"],
      ['Agrigento', 'Sciacca, Licata, Canicattì'],
      ['Caltanissetta', 'Gela'],
      ['Enna', 'Nicosia, Piazza Armerina'],
      ['Ragusa', 'Vittoria, Modica'],
      ['Siracusa', 'Augusta, Noto'],
      ['Trapani', 'Marsala, Mazara del Vallo, Alcamo, Castelvetrano'],
    ],
  },
  {
    code: '20', name: 'Sardegna', load: 0.85, firstCode: 9000,
    provinces: [
      ['Cagliari', "Quartu Sant'Elena"],
      ['Carbonia', 'Iglesias, Sanluri, Villacidro'],
      ['Nuoro', 'Siniscola, Macomer, Lanusei'],
      ['Oristano', 'Terralba'],
      ['Sassari', 'Olbia, Alghero, Tempio Pausania, Ozieri'],
    ],
  },
];
