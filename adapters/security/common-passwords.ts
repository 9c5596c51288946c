/**
 * Common leaked passwords, as they appear (lower-case) at the top of public breach-frequency lists, written
 * for this project. Whitespace separates entries; none contains whitespace. Compared case-sensitively
 * (RESOLUTIONS.md 27): `password1` is listed, `Password1` is not.
 */
const LIST = `
123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster
soccer harley batman andrew tigger sunshine iloveyou iloveyou1 iloveyou2 2000 charlie robert thomas hockey
ranger daniel starwars klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111
131313 freedom 777777 pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole
chelsea biteme matthew access yankees 987654321 dallas austin thunder taylor matrix mobilemail minecraft
william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer silver 222222 88888888
anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer cookie richard samantha
bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro peanut morgan welcome
falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal eagles melissa boomer
booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo bulldog qwer1234 compaq
purple hardcore banana junior hannah 123654 porsche lakers iceman money cowboys 987654 london tennis 999999
ncc1701 coffee scooby 0000 miller boston q1w2e3r4 brandon yamaha chester mother forever johnny edward 333333
oliver redsox player nikita knight fender barney midnight please brandy chicago badboy slayer rangers charles
angel flower rabbit wizard bigdick jasper enter rachel chris steven winner adidas victoria natasha 1q2w3e4r
jasmine winter prince panties marine ghbdtn fishing cocacola casper james 232323 raiders 888888 marlboro
gandalf asdfasdf crystal 87654321 12344321 golden 8675309 panther lauren angela thx1138 angels madison winston
shannon mike toyota jordan23 canada sophie apples tiger jackie qwerty123 qwerty1 qwerty12 password1 password12
password123 password1234 password! passw0rd p@ssw0rd p@ssword pa55word pa55w0rd passwort motdepasse contraseña
senha 1password mypassword newpassword password01 password2 password3 password7 password11 password99 letmein1
letmein123 welcome1 welcome123 welcome01 welcome2 admin admin1 admin12 admin123 admin1234 administrator root
toor changeme changeme1 default guest user login login123 test123 test1234 testing testing123 abc1234 abc12345
abcd1234 abcdef abcdefg abcdefgh abcdef123 a1b2c3 a1b2c3d4 aa123456 aa12345678 aaa111 qwe123 qweasd qweasdzxc
qazwsxedc 1qazxsw2 zaq12wsx zaq1zaq1 asdf1234 asdfghjkl asd123 zxc123 zxcvbnm1 123abc 123qweasd 1q2w3e
1q2w3e4r5t 1q2w3e4r5t6y q1w2e3 12qwaszx 11223344 123456a 123456q 123456789a 12345678a 12345a 123456abc
1234abcd a123456 a12345678 a123456789 qwerty12345 qwertyu qwertyui 1234567891 12345678910 0987654321
1234554321 123454321 147258369 147258 159357 741852963 789456123 789456 456789 123789 321321 112233445566
102030 101010 111222 121314 123654789 987456 1111111 11111111111 00000000 0123456789 5201314 monkey1 monkey123
dragon1 dragon123 shadow1 master1 master123 sunshine1 princess1 football1 baseball1 soccer1 superman1 batman1
charlie1 michael1 jessica1 jennifer1 ashley1 daniel1 jordan1 hunter1 hunter2 buster1 tigger1 freedom1 summer1
summer2020 summer2021 summer2022 summer2023 summer2024 winter1 spring1 autumn1 spring2024 iloveyou! ilovegod
iloveu ilovemymom lovely loveme love123 lovelove babygirl babygirl1 baby babe angel1 blessed blessed1 jesus
jesus1 jesuschrist god godisgood faith hope trinity christ heaven friend friends family happy happy1 smile
sunflower flowers butterfly rainbow cupcake chocolate cheese1 pizza pepsi coke banana1 apple apple123 orange1
cherry strawberry computer1 internet1 google google123 facebook youtube twitter linkedin yahoo hotmail gmail
microsoft windows samsung1 iphone nokia playstation xbox360 nintendo pokemon pikachu naruto starwars1 matrix1
zelda mario sonic doctor nurse teacher student school college money1 money123 dollar cash rich lucky lucky7
lucky13 777 7777 77777777 666 1313 2222 3333 4444 5555 6666 8888 9999 1212 1122 2020 2021 2022 2023 2024 1990
1991 1992 1993 1994 1995 1996 1997 1998 1999 1980 1985 1987 1989 london1 newyork paris berlin america usa
england australia canada1 mexico texas florida california qwertz azerty azerty123 qwertz123 asdfg asdfghjk
zxcv qwer 1qaz 2wsx hello1 hello123 helloworld hi hey yes no nothing secret1 secret123 private access14
security letmein! welcome! trustme whatever1 killer1 loser fuckyou fuckyou1 fuckoff asshole bitch shit sexy
sexy1 hottie hotdog cutie pussy naughty bigboy blink182 metallica slipknot eminem linkinpark nirvana beatles
elvis madonna rockstar rockyou guitar1 music music1 dance singer soccer10 football10 basketball baseball10
hockey1 golf tennis1 chelsea1 liverpool liverpool1 arsenal1 manchester manutd barcelona realmadrid juventus
yankees1 redsox1 cowboys1 steelers1 patriots raiders1 packers lakers1 bulls celtic rangers1 mustang1 corvette1
ferrari1 porsche1 mercedes1 bmw honda toyota1 ford harley1 ducati yamaha1 jaguar tiger1 lion eagle eagle1
falcon1 wolf bear shark dolphin horse monkey12 puppy kitty kitten doggie snoopy1 garfield scooby1 mickey1
minnie donald bubbles peaches precious princess12 angels1 daisy lily rose jasmine1 destiny diamond1 crystal1
silver1 golden1 purple1 yellow1 blue blue123 red123 green green1 black white orange12 zxcvbnm123 asdfghjkl1
qwertyuiop1
`;

export const COMMON_PASSWORDS: readonly string[] = Object.freeze(LIST.split(/\s+/).filter((entry) => entry !== ''));
